/*
 * Replica of Carrot quest (cdn.carrotquest.app/api.min.js). Hand-written emulation: sets the
 * carrotquest_* cookies and localStorage carrotquest_data (trackers-ru.json) and posts a
 * page-view event to api.carrotquest.io.
 */
(function () {
  'use strict';
  var W = window;
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
  function hex(n) { var s = ''; for (var i = 0; i < n; i++) s += Math.floor(Math.random() * 16).toString(16); return s; }
  var key = '';
  var queue = W.carrotquestasync || [];
  for (var i = 0; i < queue.length; i += 2) if (queue[i] === 'connect') key = String(queue[i + 1][0]);
  var uid = getCk('carrotquest_uid') || String(1e18 + Math.floor(Math.random() * 9e17)).slice(0, 19);
  var guid = getCk('carrotquest_device_guid') || hex(8) + '-' + hex(4) + '-4' + hex(3) + '-a' + hex(3) + '-' + hex(12);
  setCk('carrotquest_uid', uid, 31536000);
  setCk('carrotquest_device_guid', guid, 31536000);
  setCk('carrotquest_session', hex(20), 1800);
  setCk('carrotquest_realtime_services_transport', 'wss', 31536000);
  try {
    localStorage.setItem('carrotquest_data', JSON.stringify({ app: key, uid: uid, device: guid, pages: [location.href], updated: Date.now() }));
  } catch { /* storage disabled */ }
  W.fetch('https://api.carrotquest.io/v1/users/' + uid + '/events?app=' + encodeURIComponent(key), {
    method: 'POST',
    credentials: 'include',
    body: new URLSearchParams({ event: '$page_view', params: JSON.stringify({ url: location.href, title: document.title, referrer: document.referrer }) }),
  }).catch(function () {});
  W.carrotquest = W.carrotquest || {};
  W.carrotquest.data = { uid: uid };
})();
