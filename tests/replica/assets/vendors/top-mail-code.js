/*
 * Replica of the Top.Mail.Ru / VK Ads counter (top-fwz1.mail.ru/js/code.js). Hand-written
 * emulation. Reads the window._tmr queue, sets tmr_lvid (32 hex), tmr_lvidTS, tmr_detect,
 * tmr_reqNum as first-party cookies and localStorage keys (trackers-ru.json), and sends
 * hits to https://top-fwz1.mail.ru/tracker with the page URL in `u`. A reachGoal carrying a
 * phone sends its MD5 (digits only) in `ph_md5`.
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
  function hex(n) {
    var s = '';
    for (var i = 0; i < n; i++) s += Math.floor(Math.random() * 16).toString(16);
    return s;
  }
  function ls(key, value) {
    try { localStorage.setItem(key, value); } catch { /* storage disabled */ }
  }

  /* Compact MD5 (RFC 1321) over UTF-8, so the replica can send an MD5-hashed phone. */
  function md5(str) {
    var bytes = unescape(encodeURIComponent(str));
    var n = bytes.length, words = [], i;
    for (i = 0; i < n; i++) words[i >> 2] |= bytes.charCodeAt(i) << ((i % 4) * 8);
    words[n >> 2] |= 0x80 << ((n % 4) * 8);
    var total = (((n + 8) >> 6) + 1) * 16;
    for (i = words.length; i < total; i++) words[i] = words[i] | 0;
    words[total - 2] = n * 8;
    var S = [7, 12, 17, 22, 5, 9, 14, 20, 4, 11, 16, 23, 6, 10, 15, 21];
    var K = [];
    for (i = 0; i < 64; i++) K[i] = Math.floor(Math.abs(Math.sin(i + 1)) * 4294967296) | 0;
    var a0 = 0x67452301, b0 = 0xefcdab89 | 0, c0 = 0x98badcfe | 0, d0 = 0x10325476;
    for (var off = 0; off < total; off += 16) {
      var A = a0, B = b0, C = c0, D = d0;
      for (i = 0; i < 64; i++) {
        var F, g, r = i >> 4;
        if (r === 0) { F = (B & C) | (~B & D); g = i; }
        else if (r === 1) { F = (D & B) | (~D & C); g = (5 * i + 1) % 16; }
        else if (r === 2) { F = B ^ C ^ D; g = (3 * i + 5) % 16; }
        else { F = C ^ (B | ~D); g = (7 * i) % 16; }
        var tmp = D;
        D = C;
        C = B;
        var x = (A + F + K[i] + words[off + g]) | 0;
        var s = S[r * 4 + (i % 4)];
        B = (B + ((x << s) | (x >>> (32 - s)))) | 0;
        A = tmp;
      }
      a0 = (a0 + A) | 0; b0 = (b0 + B) | 0; c0 = (c0 + C) | 0; d0 = (d0 + D) | 0;
    }
    var out = '';
    [a0, b0, c0, d0].forEach(function (v) {
      for (var j = 0; j < 4; j++) out += ((v >>> (j * 8)) & 255).toString(16).padStart(2, '0');
    });
    return out;
  }
  W.__tmrMd5 = md5;

  var lvid = getCk('tmr_lvid') || hex(32);
  var lvidTS = getCk('tmr_lvidTS') || String(Date.now());
  setCk('tmr_lvid', lvid, 28771205);
  setCk('tmr_lvidTS', lvidTS, 28771205);
  setCk('tmr_detect', '0%7C' + Date.now(), 86414);
  ls('tmr_lvid', lvid);
  ls('tmr_lvidTS', lvidTS);
  var reqNum = 0;

  function send(id, extra) {
    reqNum++;
    setCk('tmr_reqNum', String(reqNum), 28771205);
    ls('tmr_reqNum', String(reqNum));
    var q = new URLSearchParams({ js: '13', id: String(id), u: location.href, r: document.referrer, title: document.title, s: W.screen.width + '*' + W.screen.height, vp: W.innerWidth + '*' + W.innerHeight, lvid: lvid, rn: String(Math.floor(Math.random() * 1e9)) });
    if (extra) for (var k in extra) if (Object.prototype.hasOwnProperty.call(extra, k)) q.set(k, extra[k]);
    new Image().src = 'https://top-fwz1.mail.ru/tracker?' + q.toString();
  }

  function handle(ev) {
    if (!ev || !ev.id) return;
    if (ev.type === 'pageView') return send(ev.id, { e: 'PV' });
    if (ev.type === 'reachGoal') {
      var extra = { e: 'RG:' + (ev.value || 0) + '/' + ev.goal };
      if (ev.phone) extra.ph_md5 = md5(String(ev.phone).replace(/\D+/g, ''));
      return send(ev.id, extra);
    }
    send(ev.id, { e: String(ev.type) });
  }

  var q = W._tmr || [];
  for (var i = 0; i < q.length; i++) handle(q[i]);
  W._tmr = { push: handle, unload: function () {} };
})();
