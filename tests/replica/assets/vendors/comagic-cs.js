/*
 * Replica of CoMagic / UIS (app.comagic.ru/static/cs.min.js). Hand-written emulation: reads
 * __cs for the site key, sets _comagic_id<key> and _cmg_csst<key> (trackers-ru.json), reports
 * the visit to tracker.comagic.ru, and exposes Comagic.addOfflineRequest, which here sends the
 * phone base64-encoded (digits only) to app.comagic.ru.
 */
(function () {
  'use strict';
  var W = window;
  var key = '';
  (W.__cs || []).forEach(function (c) { if (c[0] === 'setCsAccount') key = String(c[1]); });
  function cookieDomain() {
    var h = location.hostname;
    return /[a-z]/i.test(h) ? '; domain=.' + h.split('.').slice(-2).join('.') : '';
  }
  function setCk(name, value, maxAge) {
    document.cookie = name + '=' + value + '; path=/; max-age=' + maxAge + cookieDomain() + '; SameSite=Lax; Secure';
  }
  var m = document.cookie.match(new RegExp('(?:^|; )_comagic_id' + key + '=([^;]*)'));
  var now = Math.floor(Date.now() / 1000);
  var id = m ? m[1] : (1e9 + Math.floor(Math.random() * 9e9)) + '.' + (1e9 + Math.floor(Math.random() * 9e9)) + '.' + now;
  setCk('_comagic_id' + key, id, 31536000);
  setCk('_cmg_csst' + key, String(now), 1800);
  var q = new URLSearchParams({ k: key, id: id, u: location.href, r: document.referrer, t: document.title });
  new Image().src = 'https://tracker.comagic.ru/c?' + q.toString();
  W.Comagic = {
    addOfflineRequest: function (data) {
      var phone = String((data && data.phone) || '').replace(/\D+/g, '');
      var body = new URLSearchParams({ site_key: key, visitor_id: id, name: (data && data.name) || '', phone_b64: btoa(phone), page: location.href });
      W.fetch('https://app.comagic.ru/api/add_offline_message/', { method: 'POST', credentials: 'include', body: body });
    },
  };
})();
