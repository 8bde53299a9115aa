/*
 * Replica of CallbackHunter (cdn.callbackhunter.com/cbh.js?hunter_code=...). Hand-written
 * emulation: loads the tracker script with the page URL.
 */
(function () {
  'use strict';
  var me = document.currentScript;
  var code = me ? new window.URL(me.src).searchParams.get('hunter_code') || '' : '';
  var s = document.createElement('script');
  s.async = true;
  s.src = 'https://cdn.callbackhunter.com/widget/tracker.js?' + new URLSearchParams({ hunter_code: code, url: location.href, ref: document.referrer }).toString();
  document.head.appendChild(s);
})();
