/*
 * Replica of the Meta Pixel (connect.facebook.net/en_US/fbevents.js). Hand-written emulation:
 * processes the fbq queue, sets _fbp=fb.1.<ms>.<random> and sends events to
 * https://www.facebook.com/tr/ with the page URL in `dl`.
 */
(function () {
  'use strict';
  var W = window;
  var fbq = W.fbq;
  if (!fbq) return;
  function cookieDomain() {
    var h = location.hostname;
    return /[a-z]/i.test(h) ? '; domain=.' + h.split('.').slice(-2).join('.') : '';
  }
  var m = document.cookie.match(/(?:^|; )_fbp=([^;]*)/);
  var fbp = m ? m[1] : 'fb.1.' + Date.now() + '.' + (1e9 + Math.floor(Math.random() * 9e9));
  document.cookie = '_fbp=' + fbp + '; path=/; max-age=7776000' + cookieDomain() + '; SameSite=Lax; Secure';
  var pixels = [];
  function track(ev, data) {
    for (var i = 0; i < pixels.length; i++) {
      var q = new URLSearchParams({ id: pixels[i], ev: ev, dl: location.href, rl: document.referrer, if: 'false', ts: String(Date.now()), sw: String(W.screen.width), sh: String(W.screen.height), v: '2.9.170', r: 'stable', fbp: fbp });
      if (data) q.set('cd', JSON.stringify(data));
      new Image().src = 'https://www.facebook.com/tr/?' + q.toString();
    }
  }
  function call(args) {
    if (args[0] === 'init') pixels.push(String(args[1]));
    else if (args[0] === 'track' || args[0] === 'trackCustom') track(String(args[1]), args[2]);
  }
  var queue = fbq.queue || [];
  fbq.callMethod = function () { call(arguments); };
  for (var i = 0; i < queue.length; i++) call(queue[i]);
  fbq.queue = [];
})();
