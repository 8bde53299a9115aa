/*
 * Replica of the Mango Office widget (widgets.mango-office.ru/widgets/mango.js). Hand-written
 * emulation: sends a call-tracking pixel to dct.mango-office.ru/track/ with the page URL.
 */
(function () {
  'use strict';
  var me = document.getElementById('mango-js') || document.currentScript;
  var widget = me ? me.getAttribute('data-widget-id') || '' : '';
  new Image().src = 'https://dct.mango-office.ru/track/?' + new URLSearchParams({ w: widget, u: location.href, r: document.referrer, t: String(Date.now()) }).toString();
})();
