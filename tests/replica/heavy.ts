import { IDS } from './ids';
import { BULK_HOSTS } from './vendors';
import { CT, reply, type Reply, type RouteContext } from './reply';

/**
 * Pages as demanding as the live site (issue 15): what makes a page load cost an observer
 * more than its request count suggests. Each has
 * - scripts that write many first-party cookies while the page loads (in bursts, as tags do);
 * - a recording beacon stream (Webvisor, plus a beacon every 300 ms);
 * - 200+ requests in the first two seconds (pixels to the bulk hosts);
 * - a tag in an iframe (a first-party frame that loads the Top.Mail.Ru counter);
 * - polling (a first-party poll every 500 ms, forever, or `?polls=N` times, after which
 *   body[data-heavy-done] is set: the stress test and the benchmark need an end; setting
 *   window.__heavyStop ends it early too).
 * Two pages: a service page and an appointment form (the form has Webvisor and more cookies).
 * Layout is passed in (site.ts owns the page chrome) so this file holds only what loads.
 */

export const HEAVY_PATHS = ['/heavy/services/', '/heavy/appointment/'] as const;
export const HEAVY_FRAME_PATH = '/heavy/frame/';
export const HEAVY_POLL_PATH = '/heavy/poll.json';

interface HeavyOptions {
  cookies: number;
  requests: number;
  webvisor: boolean;
}

const OPTIONS: Record<(typeof HEAVY_PATHS)[number], HeavyOptions> = {
  '/heavy/services/': { cookies: 40, requests: 220, webvisor: false },
  '/heavy/appointment/': { cookies: 70, requests: 240, webvisor: true },
};

/** The page's own scripts (after the tags): cookies, pixels, beacons, polling. */
function heavyScript(o: HeavyOptions, polls: number | null): string {
  const hosts = [...BULK_HOSTS];
  return `<script>
(function () {
  var doneCount = 0, need = 2;
  function done() { if (++doneCount === need) document.body.setAttribute('data-heavy-done', '1'); }
  // First-party cookies, written by script in bursts while the page loads (tag-like names).
  var names = ['_ga', '_gid', '_ym_uid', '_ym_d', 'roistat_visit', 'roistat_first_visit', '_ct_session', 'cted', 'carrotquest_uid', 'jv_visits'];
  var total = ${o.cookies}, written = 0;
  function burst(n) {
    for (var i = 0; i < n && written < total; i++, written++) {
      var name = names[written % names.length] + '_' + written;
      document.cookie = name + '=' + Date.now().toString(36) + Math.random().toString(36).slice(2) + '; path=/; max-age=86400; SameSite=Lax; Secure';
    }
    if (written < total) setTimeout(function () { burst(5); }, 60);
  }
  burst(15);
  // 200+ requests in the first two seconds: pixels in batches every 100 ms.
  var hosts = ${JSON.stringify(hosts)}, sent = 0, max = ${o.requests};
  function pixels() {
    for (var k = 0; k < 24 && sent < max; k++, sent++) {
      var url = 'https://' + hosts[sent % hosts.length] + '/px/' + sent + '.gif?heavy=' + sent;
      if (sent % 3 === 0) fetch(url, { mode: 'no-cors', credentials: 'include' }).catch(function () {});
      else new Image().src = url;
    }
    if (sent < max) setTimeout(pixels, 100);
  }
  pixels();
  // A recording beacon stream, and a first-party poll; bounded when the URL says so.
  var polls = ${polls === null ? 'null' : polls}, n = 0, beacons = 0;
  var stream = setInterval(function () {
    beacons++;
    navigator.sendBeacon('https://mc.yandex.ru/webvisor/${IDS.metricaCounter}?wv-type=events&beacon=' + beacons, JSON.stringify({ t: 'mousemove', x: beacons, y: beacons * 2, ts: Date.now() }));
    if ((polls !== null && beacons >= polls) || window.__heavyStop) { clearInterval(stream); done(); }
  }, 300);
  function poll() {
    n++;
    fetch('${HEAVY_POLL_PATH}?n=' + n, { credentials: 'include' }).then(function (r) { return r.text(); }).catch(function () {}).then(function () {
      if ((polls !== null && n >= polls) || window.__heavyStop) done();
      else setTimeout(poll, 500);
    });
  }
  poll();
})();
</script>`;
}

/** The heavy page at `path` (null when the path is not one of them). */
export function heavyPage(
  path: string,
  ctx: RouteContext,
  layout: (o: { titleHtml: string; main: string; tail: string }) => string,
  tags: { metrica(webvisor: boolean): string },
): Reply | null {
  if (path === HEAVY_FRAME_PATH) return heavyFrame();
  if (path === HEAVY_POLL_PATH) return reply(200, CT.json, JSON.stringify({ n: Number(ctx.query.get('n') ?? 0), slots: [] }));
  const o = OPTIONS[path as (typeof HEAVY_PATHS)[number]];
  if (!o) return null;
  const raw = ctx.query.get('polls');
  const polls = raw !== null && /^\d{1,4}$/.test(raw) ? Number(raw) : null;
  const form = path === '/heavy/appointment/';
  const main = form
    ? `<h1>Запись на приём</h1>
<form method="post" action="/appointment/submit">
<label>ФИО <input type="text" name="name"></label>
<label>Телефон <input type="tel" name="phone"></label>
<label>Врач <select name="doctor"><option>Уролог</option><option>Гинеколог</option></select></label>
<button type="submit">Записаться</button>
</form>`
    : `<h1>Урология: цены и врачи</h1><p>Консультация уролога, УЗИ, анализы.</p>`;
  const frame = `<iframe src="${HEAVY_FRAME_PATH}" title="Виджет отзывов" width="300" height="120"></iframe>`;
  const tail = `${tags.metrica(o.webvisor)}\n${heavyScript(o, polls)}`;
  return reply(
    200,
    CT.html,
    layout({ titleHtml: form ? 'Запись — Промедика (нагрузка)' : 'Урология — Промедика (нагрузка)', main: main + frame, tail }),
  );
}

/** A first-party frame with a counter of its own: a tag in an iframe. */
function heavyFrame(): Reply {
  const html = `<!doctype html><html lang="ru"><head><meta charset="utf-8"><title>Отзывы</title></head><body>
<p>Отзывы пациентов</p>
<script>
var _tmr = window._tmr || (window._tmr = []);
_tmr.push({ id: "${IDS.topMailRuCounter}", type: "pageView", start: Date.now() });
var s = document.createElement('script'); s.async = true; s.src = 'https://top-fwz1.mail.ru/js/code.js'; document.head.appendChild(s);
</script>
</body></html>`;
  return reply(200, CT.html, html);
}
