/*
 * Replica of the Jivo chat widget (code.jivo.ru/widget/<id>). Hand-written emulation: sets the
 * jv_* cookies with the widget id suffix (trackers-ru.json), localStorage/sessionStorage keys,
 * sends telemetry, opens the chat transport wss://node-ya-1.jivosite.com/... and renders a
 * chat button.
 */
(function () {
  'use strict';
  var W = window;
  var me = document.currentScript;
  var id = me ? new window.URL(me.src).pathname.split('/').pop() : 'unknown';
  function cookieDomain() {
    var h = location.hostname;
    return /[a-z]/i.test(h) ? '; domain=.' + h.split('.').slice(-2).join('.') : '';
  }
  function setCk(name, value, maxAge) {
    document.cookie = name + '=' + value + '; path=/; max-age=' + maxAge + cookieDomain() + '; SameSite=Lax; Secure';
  }
  function getCk(name) {
    var m = document.cookie.match(new RegExp('(?:^|; )' + name + '=([^;]*)'));
    return m ? m[1] : null;
  }
  var now = Math.floor(Date.now() / 1000);
  setCk('jv_enter_ts_' + id, getCk('jv_enter_ts_' + id) || String(now), 31536000);
  setCk('jv_visits_count_' + id, String(Number(getCk('jv_visits_count_' + id) || '0') + 1), 31536000);
  setCk('jv_pages_count_' + id, String(Number(getCk('jv_pages_count_' + id) || '0') + 1), 31536000);
  setCk('jv_refer_' + id, encodeURIComponent(document.referrer || location.href), 31536000);
  var visitor = null;
  try { visitor = JSON.parse(localStorage.getItem('jv_store_' + id + '_client') || 'null'); } catch { visitor = null; }
  if (!visitor) visitor = { visitorId: Math.random().toString(36).slice(2) + Date.now().toString(36), created: now };
  try {
    localStorage.setItem('jv_store_' + id + '_client', JSON.stringify(visitor));
    localStorage.setItem('jv_loadingTime', String(Date.now()));
    sessionStorage.setItem('jv_session_' + id, JSON.stringify({ started: now, page: location.href }));
  } catch { /* storage disabled */ }
  W.fetch('https://telemetry.jivosite.com/w', { method: 'POST', credentials: 'include', body: JSON.stringify({ widget: id, url: location.href, event: 'load' }), headers: { 'Content-Type': 'text/plain;charset=UTF-8' } }).catch(function () {});
  try {
    var ws = new WebSocket('wss://node-ya-1.jivosite.com/cometws/' + id + '?client_id=' + visitor.visitorId);
    ws.onopen = function () { ws.send(JSON.stringify({ type: 'page', url: location.href, title: document.title, referrer: document.referrer })); };
    W.jivo_ws = ws;
  } catch { /* transport failed; the widget still renders */ }
  var b = document.createElement('div');
  b.id = 'jivo-chat-button';
  b.textContent = 'Напишите нам, мы онлайн!';
  b.setAttribute('style', 'position:fixed;right:24px;bottom:24px;background:#3c9;color:#fff;padding:10px 14px;border-radius:20px;font:14px Arial');
  document.body.appendChild(b);
  W.jivo_api = { open: function () {} };
})();
