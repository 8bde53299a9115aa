/*
 * Replica of Calltouch (mod.calltouch.ru/init.js?id=<site>). Hand-written emulation: sets the
 * first-party cookies _ct, _ct_client_global_id, _ct_session_id, _ct_site_id, call_s, cted
 * (trackers-ru.json) and reports the visit with the page URL.
 */
(function () {
  'use strict';
  var W = window;
  var me = document.currentScript;
  var site = me ? new window.URL(me.src).searchParams.get('id') || '' : '';
  function cookieDomain() {
    var h = location.hostname;
    return /[a-z]/i.test(h) ? '; domain=.' + h.split('.').slice(-2).join('.') : '';
  }
  function setCk(name, value, maxAge) {
    document.cookie = name + '=' + value + '; path=/; max-age=' + maxAge + cookieDomain() + '; SameSite=Lax; Secure';
  }
  function has(name) { return new RegExp('(?:^|; )' + name + '=').test(document.cookie); }
  function digits(n) { var s = '1'; for (var i = 1; i < n; i++) s += Math.floor(Math.random() * 10); return s; }
  function uuid() {
    return 'xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx'.replace(/[xy]/g, function (c) {
      var r = Math.floor(Math.random() * 16);
      return (c === 'x' ? r : (r & 3) | 8).toString(16);
    });
  }
  var session = digits(10);
  if (!has('_ct')) setCk('_ct', digits(18), 31536000);
  if (!has('_ct_client_global_id')) setCk('_ct_client_global_id', uuid(), 31536000);
  setCk('_ct_session_id', session, 1800);
  setCk('_ct_site_id', site, 31536000);
  setCk('call_s', '___' + site + '.' + Math.floor(Date.now() / 1000 + 1800) + '.' + session + '.' + site + ':' + digits(6) + '|2___', 1800);
  setCk('cted', 'modId%3D' + site + '%3Bclient_id%3D' + digits(10), 31536000);
  var q = new URLSearchParams({ site_id: site, session_id: session, url: location.href, ref: document.referrer, title: document.title });
  W.fetch('https://mod.calltouch.ru/global_cookie.php?' + q.toString(), { credentials: 'include' }).catch(function () {});
  if (W.ct) W.ct.loaded = true;
})();
