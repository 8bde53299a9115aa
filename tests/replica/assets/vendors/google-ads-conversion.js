/*
 * Replica of Google Ads remarketing (www.googleadservices.com/pagead/conversion.js).
 * Hand-written emulation: reads window.google_conversion_id, sets _gcl_au=1.1.<rand>.<ts>
 * and loads the view-through pixel from googleads.g.doubleclick.net with the page URL.
 */
(function () {
  'use strict';
  var W = window;
  var id = W.google_conversion_id;
  if (!id) return;
  function cookieDomain() {
    var h = location.hostname;
    return /[a-z]/i.test(h) ? '; domain=.' + h.split('.').slice(-2).join('.') : '';
  }
  if (!/(?:^|; )_gcl_au=/.test(document.cookie)) {
    document.cookie = '_gcl_au=1.1.' + (1e9 + Math.floor(Math.random() * 9e9)) + '.' + Math.floor(Date.now() / 1000) + '; path=/; max-age=7776000' + cookieDomain() + '; SameSite=Lax; Secure';
  }
  var q = new URLSearchParams({ random: String(Date.now()), cv: '11', fst: String(Date.now()), num: '1', guid: 'ON', resp: 'GooglemKTybQhCsO', u_h: String(W.screen.height), u_w: String(W.screen.width), frm: '0', url: location.href, ref: document.referrer, tiba: document.title, rfmt: '3', fmt: '4' });
  new Image().src = 'https://googleads.g.doubleclick.net/pagead/viewthroughconversion/' + id + '/?' + q.toString();
})();
