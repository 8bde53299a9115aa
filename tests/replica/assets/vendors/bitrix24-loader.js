/*
 * Replica of the Bitrix24 site button loader (cdn-ru.bitrix24.ru/b<N>/crm/site_button/loader_*.js).
 * Hand-written emulation: sets BX_USER_ID and b24_crm_guest_id (trackers-ru.json), reports the
 * page to bitrix.info and renders the round contact button.
 */
(function () {
  'use strict';
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
  var bx = getCk('BX_USER_ID') || hex(32);
  setCk('BX_USER_ID', bx, 31536000);
  if (!getCk('b24_crm_guest_id')) setCk('b24_crm_guest_id', String(1 + Math.floor(Math.random() * 9e6)) + '-' + hex(8), 31536000);
  var q = new URLSearchParams({ bx_user_id: bx, url: location.href, ref: document.referrer, t: String(Date.now()) });
  new Image().src = 'https://bitrix.info/bx_stat?' + q.toString();
  var b = document.createElement('div');
  b.className = 'b24-widget-button-wrapper';
  b.textContent = 'Связаться';
  b.setAttribute('style', 'position:fixed;right:24px;bottom:140px;width:64px;height:64px;border-radius:32px;background:#2fc6f6;color:#fff;font:12px Arial;display:flex;align-items:center;justify-content:center');
  document.body.appendChild(b);
})();
