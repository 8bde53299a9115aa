/*
 * Replica of the myTarget ad tag (ad.mail.ru/static/ads-async.js). Hand-written emulation: fills
 * each ins.mrg-tag with a banner from r.mradx.net after asking ad.mail.ru (credentialed) and
 * fires the cookie-matching pixel ad.mail.ru/cm.gif.
 */
(function () {
  'use strict';
  var W = window;
  var slots = document.querySelectorAll('ins.mrg-tag');
  new Image().src = 'https://ad.mail.ru/cm.gif?' + new URLSearchParams({ p: '68', id: String(Date.now()), url: location.href }).toString();
  Array.prototype.forEach.call(slots, function (ins) {
    var slot = ins.getAttribute('data-ad-slot') || '';
    W.fetch('https://ad.mail.ru/adq/?' + new URLSearchParams({ q: slot, url: location.href, ref: document.referrer }).toString(), { credentials: 'include' })
      .then(function (r) { return r.json(); })
      .then(function (d) {
        var img = document.createElement('img');
        img.src = d.banner.img;
        img.alt = 'Реклама';
        ins.appendChild(img);
      })
      .catch(function () {});
  });
  W.MRGtag = { push: function () {} };
})();
