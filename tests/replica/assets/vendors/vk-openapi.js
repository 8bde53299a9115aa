/*
 * Replica of VK openapi.js (vk.com/js/api/openapi.js), only the Retargeting part used by
 * the VK pixel: VK.Retargeting.Init("VK-RTRG-...") and Hit() send vk.com/rtrg?p=...&url=...
 */
(function () {
  'use strict';
  var W = window;
  var pixel = '';
  function hit(event) {
    var q = new URLSearchParams({ p: pixel, url: location.href, ref: document.referrer, ts: String(Date.now()) });
    if (event) q.set('event', event);
    new Image().src = 'https://vk.com/rtrg?' + q.toString();
  }
  W.VK = W.VK || {};
  W.VK.Retargeting = {
    Init: function (id) { pixel = String(id); },
    Hit: function () { hit(''); },
    Event: function (name) { hit(String(name)); },
  };
})();
