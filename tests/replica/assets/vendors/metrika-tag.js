/*
 * Replica of Yandex Metrica tag.js (mc.yandex.ru/metrika/tag.js). Hand-written emulation, not
 * Yandex code. Cookie and storage names follow yandex/metrica-tag (Apache-2.0) as summarised in
 * shared research trackers-ru.json: _ym_uid, _ym_d, _ym_isad, _ym_visorc (Webvisor),
 * localStorage _ym_uid, _ym_retryReqs, _ym<counter>_lsid, _ym<counter>_reqNum, _ym<counter>_lastHit.
 * Hits: GET https://mc.yandex.ru/watch/<counter>?page-url=...; Webvisor: POST
 * https://mc.yandex.ru/webvisor/<counter> with recorded events (incl. typed input values).
 */
(function () {
  'use strict';
  var W = window;
  var HOST = 'https://mc.yandex.ru';

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
    var s = '';
    for (var i = 0; i < n; i++) s += Math.floor(Math.random() * 10);
    return s;
  }
  function ls(key, value) {
    try { localStorage.setItem(key, value); } catch { /* storage disabled */ }
  }
  function lsGet(key) {
    try { return localStorage.getItem(key); } catch { return null; }
  }

  var counters = {};

  function ensureIds() {
    var now = Math.floor(Date.now() / 1000);
    var uid = getCk('_ym_uid') || JSON.parse(lsGet('_ym_uid') || 'null');
    // ClientID: 10-digit Unix time followed by random digits (trackers-ru.json value_format).
    if (!uid) uid = String(now) + rnd(9);
    setCk('_ym_uid', uid, 31536000);
    ls('_ym_uid', JSON.stringify(uid));
    if (!getCk('_ym_d')) setCk('_ym_d', String(now), 31536000);
    setCk('_ym_isad', '2', 172800);
    if (lsGet('_ym_retryReqs') === null) ls('_ym_retryReqs', '{}');
    return uid;
  }

  function send(counter, params, extra) {
    var c = counters[counter];
    var reqNum = Number(lsGet('_ym' + counter + '_reqNum') || '0') + 1;
    ls('_ym' + counter + '_reqNum', String(reqNum));
    ls('_ym' + counter + '_lastHit', String(Date.now()));
    var q = new URLSearchParams({
      wmode: '7',
      'page-url': params.url || location.href,
      'page-ref': params.referer || document.referrer,
      charset: 'utf-8',
      'browser-info': 'pv:1:ti:' + (params.ti || '') + ':rqn:' + reqNum + ':rn:' + rnd(9) + ':hid:' + c.hid + ':z:' + (-new Date().getTimezoneOffset()) + ':i:' + Date.now() + ':t:' + (params.title || document.title),
      't': 'gdpr(14)clc(0-0-0)rqnt(' + reqNum + ')',
    });
    if (extra) for (var k in extra) if (Object.prototype.hasOwnProperty.call(extra, k)) q.set(k, extra[k]);
    var url = HOST + '/watch/' + counter + '?' + q.toString();
    // Real tag.js prefers fetch with credentials; pixel fallback.
    if (W.fetch) {
      W.fetch(url, { credentials: 'include', keepalive: true, mode: 'no-cors' }).catch(function () { new Image().src = url; });
    } else {
      new Image().src = url;
    }
  }

  // --- Webvisor (session recording): events, including what the visitor types. ---
  function startWebvisor(counter) {
    setCk('_ym_visorc', 'w', 1800);
    ls('_ym_wv2rf:' + counter + ':0', String(Date.now()));
    var buf = [];
    function post(type) {
      if (!buf.length && type !== 'page') return;
      var body = JSON.stringify({ type: type, 'page-url': location.href, title: document.title, events: buf.splice(0, buf.length) });
      var url = HOST + '/webvisor/' + counter + '?wv-type=' + type + '&wv-part=' + rnd(3) + '&page-url=' + encodeURIComponent(location.href) + '&rn=' + rnd(9);
      // text/plain keeps this a simple CORS request (no preflight), as the real tag does.
      W.fetch(url, { method: 'POST', body: body, credentials: 'include', keepalive: true, headers: { 'Content-Type': 'text/plain;charset=UTF-8' } }).catch(function () {});
    }
    function fieldName(t) {
      return (t && (t.name || t.id || t.tagName)) || '';
    }
    buf.push({ t: 'page', html: document.documentElement.outerHTML.length, w: W.innerWidth, h: W.innerHeight });
    post('page');
    var lastMove = 0;
    document.addEventListener('mousemove', function (e) {
      if (Date.now() - lastMove < 100) return;
      lastMove = Date.now();
      buf.push({ t: 'mousemove', x: e.clientX, y: e.clientY, ts: Date.now() });
    }, true);
    document.addEventListener('click', function (e) { buf.push({ t: 'click', x: e.clientX, y: e.clientY, target: fieldName(e.target), ts: Date.now() }); }, true);
    document.addEventListener('scroll', function () { buf.push({ t: 'scroll', y: W.scrollY, ts: Date.now() }); }, true);
    document.addEventListener('focus', function (e) { buf.push({ t: 'focus', field: fieldName(e.target), ts: Date.now() }); }, true);
    // The leak the extension must see: field name + typed value, unmasked.
    document.addEventListener('input', function (e) {
      var t = e.target;
      if (t && 'value' in t) buf.push({ t: 'input', field: fieldName(t), value: t.value, ts: Date.now() });
    }, true);
    document.addEventListener('change', function (e) {
      var t = e.target;
      if (t && 'value' in t) buf.push({ t: 'change', field: fieldName(t), value: t.type === 'checkbox' ? String(t.checked) : t.value, ts: Date.now() });
    }, true);
    document.addEventListener('submit', function () { post('form'); }, true);
    W.setInterval(function () { post('events'); }, 1000);
    W.addEventListener('pagehide', function () { post('events'); });
  }

  function digitsOnly(s) {
    return String(s).replace(/\D+/g, '');
  }
  function sha256Hex(text) {
    var data = new W.TextEncoder().encode(text);
    return W.crypto.subtle.digest('SHA-256', data).then(function (buf) {
      var b = new W.Uint8Array(buf), out = '';
      for (var i = 0; i < b.length; i++) out += (b[i] < 16 ? '0' : '') + b[i].toString(16);
      return out;
    });
  }

  function init(counter, options) {
    options = options || {};
    counters[counter] = { options: options, hid: rnd(9) };
    ensureIds();
    ls('_ym' + counter + '_lsid', rnd(12));
    send(counter, {});
    if (options.webvisor) startWebvisor(counter);
  }

  function call(args) {
    var counter = String(args[0]), method = args[1];
    if (method === 'init') return init(counter, args[2]);
    if (!counters[counter]) return;
    if (method === 'hit') return send(counter, { url: args[2], title: args[3] && args[3].title, referer: args[3] && args[3].referer });
    if (method === 'reachGoal') return send(counter, {}, { 'goal-id': String(args[2]) });
    if (method === 'params') return send(counter, {}, { 'site-info': JSON.stringify(args[2] || {}) });
    if (method === 'userParams') return send(counter, {}, { 'user-params': JSON.stringify(args[2] || {}) });
    if (method === 'firstPartyParams') {
      // firstPartyParams: Metrica hashes contact data (SHA-256) before sending (trackers-ru.json notes).
      var p = args[2] || {};
      var phone = p.phone_number ? digitsOnly(p.phone_number) : '';
      var email = p.email ? String(p.email).trim().toLowerCase() : '';
      Promise.all([phone ? sha256Hex(phone) : '', email ? sha256Hex(email) : '']).then(function (h) {
        var extra = { fpp: h[0] || h[1] };
        if (h[0]) extra['fpp-phone'] = h[0];
        if (h[1]) extra['fpp-email'] = h[1];
        send(counter, {}, extra);
      });
    }
  }

  var queued = (W.ym && W.ym.a) || [];
  W.ym = function () { call(arguments); };
  W.ym.l = Date.now();
  for (var i = 0; i < queued.length; i++) call(queued[i]);
})();
