/*
 * Replica of Callibri call tracking (cdn.callibri.ru/callibri.js). Hand-written emulation:
 * asks module.callibri.ru for a tracking number (credentialed fetch with the page URL) and
 * swaps the phone shown in .js-callibri-phone.
 */
(function () {
  'use strict';
  var W = window;
  var q = new URLSearchParams({ url: location.href, ref: document.referrer, title: document.title });
  W.fetch('https://module.callibri.ru/module/number?' + q.toString(), { credentials: 'include' })
    .then(function (r) { return r.json(); })
    .then(function (d) {
      var els = document.querySelectorAll('.js-callibri-phone');
      for (var i = 0; i < els.length; i++) els[i].textContent = d.number;
    })
    .catch(function () {});
})();
