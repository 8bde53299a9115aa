/*
 * An UNKNOWN counter (counter.medstat-unknown.net/c.js) that no catalogue knows. Invented for
 * the replica: its host sets an identifier cookie (32 hex, SameSite=None; Secure) and this
 * script sends a 1x1 pixel with the page URL.
 */
(function () {
  'use strict';
  var q = new URLSearchParams({ u: location.href, r: document.referrer, t: document.title, sw: String(window.screen.width), rn: String(Math.random()).slice(2) });
  new Image(1, 1).src = 'https://counter.medstat-unknown.net/hit.gif?' + q.toString();
})();
