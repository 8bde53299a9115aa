/*
 * Replica of Google tag (www.googletagmanager.com/gtag/js?id=G-...). Hand-written emulation.
 * Sets _ga, _ga_<container>, _gid first-party cookies and sends a GA4 page_view as a
 * sendBeacon POST to https://www.google-analytics.com/g/collect with the page URL in `dl`.
 */
(function () {
  'use strict';
  var W = window;
  function cookieDomain() {
    var h = location.hostname;
    return /[a-z]/i.test(h) ? '; domain=.' + h.split('.').slice(-2).join('.') : '';
  }
  function setCk(name, value, maxAge) {
    document.cookie = name + '=' + value + '; path=/; max-age=' + maxAge + cookieDomain() + '; SameSite=Lax' + (location.protocol === 'https:' ? '; Secure' : '');
  }
  function getCk(name) {
    var parts = document.cookie.split('; ');
    for (var i = 0; i < parts.length; i++) if (parts[i].indexOf(name + '=') === 0) return parts[i].slice(name.length + 1);
    return null;
  }
  function rnd(n) {
    var s = String(1 + Math.floor(Math.random() * 9));
    for (var i = 1; i < n; i++) s += Math.floor(Math.random() * 10);
    return s;
  }
  var ts = Math.floor(Date.now() / 1000);
  // _ga=GA1.1.<random>.<first visit time>; the client id is the last two parts.
  var ga = getCk('_ga') || 'GA1.1.' + rnd(10) + '.' + ts;
  setCk('_ga', ga, 63072000);
  var cid = ga.split('.').slice(2).join('.');
  if (!getCk('_gid')) setCk('_gid', 'GA1.2.' + rnd(10) + '.' + ts, 86400);
  var sid = String(ts);

  function pageView(tid) {
    setCk('_ga_' + tid.replace(/^G-/, ''), 'GS1.1.' + sid + '.1.0.' + ts + '.0.0.0', 63072000);
    var q = new URLSearchParams({ v: '2', tid: tid, gtm: '45je4a20v', _p: rnd(10), cid: cid, ul: navigator.language.toLowerCase(), sr: W.screen.width + 'x' + W.screen.height, _s: '1', sid: sid, sct: '1', seg: '0', dl: location.href, dr: document.referrer, dt: document.title, en: 'page_view', _fv: '1', _ss: '1' });
    var url = 'https://www.google-analytics.com/g/collect?' + q.toString();
    if (!(navigator.sendBeacon && navigator.sendBeacon(url))) W.fetch(url, { method: 'POST', mode: 'no-cors', credentials: 'include', keepalive: true });
  }

  function handle(args) {
    if (args[0] === 'config' && /^G-/.test(String(args[1]))) pageView(String(args[1]));
    if (args[0] === 'event' && args[1] === 'conversion') new Image().src = 'https://www.googleadservices.com/pagead/conversion/' + String((args[2] || {}).send_to || '').replace(/^AW-/, '') + '/?url=' + encodeURIComponent(location.href);
  }
  var dl = W.dataLayer = W.dataLayer || [];
  for (var i = 0; i < dl.length; i++) handle(dl[i]);
  var push = dl.push.bind(dl);
  dl.push = function (a) { var r = push(a); handle(a); return r; };
})();
