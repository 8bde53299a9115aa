/*
 * Replica of the Envybox callback widget (cdn.envybox.io/widget/cbk.js?wcb_code=...). The
 * replica's /contacts/ page loads it only after a click on #callback-button. Hand-written
 * emulation: loads its stylesheet, shows a "we call you back" bubble and sends a stat pixel.
 */
(function () {
  'use strict';
  var me = document.currentScript;
  var code = me ? new window.URL(me.src).searchParams.get('wcb_code') || '' : '';
  var css = document.createElement('link');
  css.rel = 'stylesheet';
  css.href = 'https://cdn.envybox.io/widget/cbk.css';
  document.head.appendChild(css);
  var el = document.createElement('div');
  el.className = 'cbk-phone';
  el.id = 'envybox-callback';
  el.textContent = 'Перезвоним за 30 секунд!';
  document.body.appendChild(el);
  new Image().src = 'https://cdn.envybox.io/widget/stat?' + new URLSearchParams({ wcb_code: code, url: location.href, ev: 'open' }).toString();
})();
