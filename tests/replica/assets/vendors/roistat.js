/*
 * Replica of Roistat (cloud.roistat.com/api/site/1.0/<project>/init). Hand-written emulation:
 * sets roistat_visit, roistat_first_visit and the roistat_* helper cookies (trackers-ru.json)
 * and registers the visit by a credentialed fetch POST (addVisit) with the page URL.
 */
(function () {
  'use strict';
  var W = window;
  var project = W.roistatProjectId || '';
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
  var visit = getCk('roistat_visit') || String(100000 + Math.floor(Math.random() * 900000));
  setCk('roistat_visit', visit, 1209600);
  if (!getCk('roistat_first_visit')) setCk('roistat_first_visit', visit, 1209600);
  setCk('roistat_visit_cookie_expire', '1209600', 1209600);
  setCk('roistat_is_need_listen_requests', '0', 1209600);
  setCk('roistat_is_save_data_in_cookie', '1', 1209600);
  setCk('___dc', '%7B%22' + project + '%22%3A%22' + visit + '%22%7D', 1209600);
  var body = JSON.stringify({ visit: visit, page: location.href, referrer: document.referrer, title: document.title });
  W.fetch('https://cloud.roistat.com/api/site/1.0/' + project + '/addVisit', { method: 'POST', credentials: 'include', body: body, headers: { 'Content-Type': 'text/plain;charset=UTF-8' } }).catch(function () {});
  W.roistat = { visit: visit, getVisit: function () { return visit; } };
})();
