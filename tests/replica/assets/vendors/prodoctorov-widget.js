/*
 * Replica of a ProDoctorov widget (prodoctorov.ru/static/js/widget_big.js). Hand-written
 * emulation: renders the logo image and a small rating iframe, both from prodoctorov.ru.
 */
(function () {
  'use strict';
  var box = document.getElementById('pd_widget_big');
  if (!box) return;
  var lpu = box.getAttribute('data-lpu') || '';
  var img = document.createElement('img');
  img.src = 'https://prodoctorov.ru/static/_v1/pd/logos/logo-pd-widget.svg';
  img.alt = 'ПроДокторов';
  box.appendChild(img);
  var f = document.createElement('iframe');
  f.src = 'https://prodoctorov.ru/widget/big/?' + new URLSearchParams({ lpu: lpu, from: location.href }).toString();
  f.width = '320';
  f.height = '60';
  f.title = 'ПроДокторов';
  f.setAttribute('style', 'border:0');
  box.appendChild(f);
})();
