import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { IDN_FORM_HOST, IDN_PIXEL_HOST, UNKNOWN_COUNTER_COOKIE, UNKNOWN_COUNTER_HOST } from './ids';
import { CT, gif, notFound, randomDigits, randomHex, reply, setCookie, thirdPartyCookie, type Reply, type RouteContext } from './reply';

/**
 * Emulated vendor endpoints, routed by Host. Paths follow shared research trackers-ru.json
 * (hosts and paths per vendor); scripts are the hand-written tags in assets/vendors/.
 */

const ASSET_DIR = fileURLToPath(new URL('./assets/vendors/', import.meta.url));
const assetCache = new Map<string, string>();

export function asset(name: string): string {
  let s = assetCache.get(name);
  if (s === undefined) {
    s = readFileSync(ASSET_DIR + name, 'utf8');
    assetCache.set(name, s);
  }
  return s;
}

const js = (name: string): Reply => reply(200, CT.js, asset(name));
const json = (v: unknown, extra: Record<string, string | string[]> = {}): Reply => reply(200, CT.json, JSON.stringify(v), extra);
const noContent = (extra: Record<string, string | string[]> = {}): Reply => ({
  status: 204,
  headers: { 'Cache-Control': 'no-store', ...extra },
  body: '',
});

/**
 * Vendor id per host suffix, the ids of policy/catalogue/vendors.ts. Longest suffix wins.
 * The unknown counter has no id on purpose: no catalogue knows it.
 */
const VENDOR_SUFFIXES: [string, string][] = [
  ['mc.yandex.ru', 'yandex-metrica'],
  ['mc.yandex.com', 'yandex-metrica'],
  ['mc.webvisor.org', 'yandex-metrica'],
  ['an.yandex.ru', 'yandex-direct'],
  ['yabs.yandex.ru', 'yandex-direct'],
  ['bs.yandex.ru', 'yandex-direct'],
  ['top-fwz1.mail.ru', 'vk-ads'],
  ['vk.com', 'vk-ads'],
  ['vk.ru', 'vk-ads'],
  ['ad.mail.ru', 'mytarget'],
  ['rs.mail.ru', 'mytarget'],
  ['mradx.net', 'mytarget'],
  ['calltouch.ru', 'calltouch'],
  ['roistat.com', 'roistat'],
  ['comagic.ru', 'comagic'],
  ['jivo.ru', 'jivo'],
  ['jivosite.com', 'jivo'],
  ['bitrix24.ru', 'bitrix24'],
  ['bitrix.info', 'bitrix24'],
  ['callibri.ru', 'callibri'],
  ['envybox.io', 'envybox'],
  ['callbackhunter.com', 'callbackhunter'],
  ['mango-office.ru', 'mango-office'],
  ['carrotquest.app', 'carrot-quest'],
  ['carrotquest.io', 'carrot-quest'],
  ['prodoctorov.ru', 'prodoctorov'],
  ['googletagmanager.com', 'google-tag-manager'],
  ['google-analytics.com', 'google-analytics'],
  ['googleadservices.com', 'google-ads'],
  ['doubleclick.net', 'google-ads'],
  ['facebook.net', 'meta-pixel'],
  ['facebook.com', 'meta-pixel'],
];

export function vendorForHost(host: string): string | undefined {
  let best: [string, string] | undefined;
  for (const e of VENDOR_SUFFIXES) {
    if ((host === e[0] || host.endsWith(`.${e[0]}`)) && (!best || e[0].length > best[0].length)) best = e;
  }
  return best?.[1];
}

// --- Third-party cookies the endpoints set (names from trackers-ru.json). ---

function yandexCookies(ctx: RouteContext): string[] {
  const out: string[] = [];
  if (!ctx.cookies.has('yandexuid')) out.push(thirdPartyCookie('yandexuid', randomDigits(19), '.yandex.ru'));
  if (!ctx.cookies.has('i')) out.push(thirdPartyCookie('i', Buffer.from(randomHex(32), 'hex').toString('base64'), '.yandex.ru'));
  return out;
}

function mailRuCookies(ctx: RouteContext): string[] {
  return ctx.cookies.has('VID') ? [] : [thirdPartyCookie('VID', `${randomHex(6)}${randomDigits(8)}`, '.mail.ru', 63072000)];
}

/** Hosts whose `/px/<n>.gif` the hostile page hits 2,000 times; these answers set no cookies. */
export const BULK_HOSTS = new Set([
  'static.pro-medika.ru',
  'img.pro-medika.ru',
  'mc.yandex.ru',
  'top-fwz1.mail.ru',
  'ad.mail.ru',
  UNKNOWN_COUNTER_HOST,
]);

type Handler = (ctx: RouteContext) => Reply | null;

const m = (re: RegExp, p: string): boolean => re.test(p);

const HANDLERS: Record<string, Handler> = {
  'mc.yandex.ru': (ctx) => {
    const p = ctx.path;
    if (p === '/metrika/tag.js' || p === '/metrika/watch.js') return js('metrika-tag.js');
    if (m(/^\/watch\/\d+/, p)) {
      // The watch endpoint sets the Yandex ids and a CHIPS (Partitioned) cookie.
      const cookies = yandexCookies(ctx);
      cookies.push(setCookie({ name: 'yabs-sid', value: randomDigits(16), path: '/', sameSite: 'None', secure: true, partitioned: true }));
      return ctx.method === 'POST' ? json({ settings: {} }, { 'Set-Cookie': cookies }) : gif({ 'Set-Cookie': cookies });
    }
    if (m(/^\/webvisor\/\d+/, p)) return json({ ok: true });
    if (p === '/sync_cookie_image_start') return gif({ 'Set-Cookie': yandexCookies(ctx) });
    return null;
  },
  'an.yandex.ru': (ctx) =>
    ctx.path.startsWith('/rtgpx') || ctx.path.startsWith('/count/') ? gif({ 'Set-Cookie': yandexCookies(ctx) }) : null,
  'yabs.yandex.ru': (ctx) =>
    ctx.path.startsWith('/rtgpx') || ctx.path.startsWith('/count/') ? gif({ 'Set-Cookie': yandexCookies(ctx) }) : null,
  'top-fwz1.mail.ru': (ctx) => {
    const p = ctx.path;
    if (p === '/js/code.js') return js('top-mail-code.js');
    if (p === '/counter' || p === '/counter2' || p === '/tracker') return gif({ 'Set-Cookie': mailRuCookies(ctx) });
    return null;
  },
  'ad.mail.ru': (ctx) => {
    const p = ctx.path;
    if (p === '/static/ads-async.js') return js('mytarget-ads-async.js');
    if (p === '/cm.gif') return gif({ 'Set-Cookie': mailRuCookies(ctx) });
    if (p.startsWith('/adq/')) {
      return json(
        { banner: { img: 'https://r.mradx.net/img/ad/promedika-240x120.svg', link: 'https://ad.mail.ru/click/' } },
        { 'Set-Cookie': mailRuCookies(ctx) },
      );
    }
    return null;
  },
  'r.mradx.net': (ctx) =>
    ctx.path.startsWith('/img/')
      ? reply(
          200,
          CT.svg,
          '<svg xmlns="http://www.w3.org/2000/svg" width="240" height="120"><rect width="240" height="120" fill="#e8f4f8"/><text x="12" y="64" font-size="16">Реклама: чекап 30% скидка</text></svg>',
        )
      : null,
  'vk.com': (ctx) => {
    if (ctx.path === '/js/api/openapi.js') return js('vk-openapi.js');
    if (ctx.path === '/rtrg') return gif();
    return null;
  },
  'mod.calltouch.ru': (ctx) => {
    const p = ctx.path;
    if (p === '/init.js' || p === '/init-min.js') return js('calltouch-init.js');
    if (p === '/d_client_new.js') return reply(200, CT.js, '/* calltouch client */');
    if (p === '/global_cookie.php' || p === '/set_external_data.php') return json({ data: { sessionId: Number(randomDigits(9)) } });
    return null;
  },
  'cloud.roistat.com': (ctx) => {
    const p = ctx.path;
    if (m(/^\/api\/site\/1\.0\/[^/]+\/init$/, p) || p === '/dist/module.js') return js('roistat.js');
    if (m(/^\/api\/site\/1\.0\/[^/]+\/(addVisit|event\/register)$/, p))
      return json({ status: 'success', visit_id: Number(randomDigits(6)) });
    return null;
  },
  'app.comagic.ru': (ctx) => {
    if (ctx.path === '/static/cs.min.js') return js('comagic-cs.js');
    if (ctx.path.startsWith('/api/')) return json({ success: true });
    return null;
  },
  'tracker.comagic.ru': (ctx) => (ctx.path === '/c' ? gif() : null),
  'code.jivo.ru': (ctx) => (ctx.path.startsWith('/widget/') ? js('jivo-widget.js') : null),
  'code.jivosite.com': (ctx) => (ctx.path.startsWith('/widget/') ? js('jivo-widget.js') : null),
  'telemetry.jivosite.com': (ctx) => (ctx.path === '/w' ? noContent() : null),
  'cdn-ru.bitrix24.ru': (ctx) => (m(/^\/b\d+\/crm\/site_button\/loader_[^/]+\.js$/, ctx.path) ? js('bitrix24-loader.js') : null),
  'bitrix.info': (ctx) => (ctx.path === '/bx_stat' || ctx.path === '/ba.js' ? gif() : null),
  'cdn.callibri.ru': (ctx) => (ctx.path === '/callibri.js' ? js('callibri.js') : null),
  'module.callibri.ru': (ctx) => (ctx.path === '/module/number' ? json({ number: '+7 (383) 207-00-00', session: randomDigits(8) }) : null),
  'cdn.envybox.io': (ctx) => {
    if (ctx.path === '/widget/cbk.js') return js('envybox-cbk.js');
    if (ctx.path === '/widget/cbk.css')
      return reply(
        200,
        CT.css,
        '.cbk-phone{position:fixed;right:24px;bottom:90px;background:#2b9;color:#fff;padding:8px;border-radius:20px}',
      );
    if (ctx.path === '/widget/stat') return gif();
    return null;
  },
  'cdn.callbackhunter.com': (ctx) => {
    if (ctx.path === '/cbh.js') return js('callbackhunter.js');
    if (ctx.path === '/widget/tracker.js' || ctx.path === '/widget2/tracker.js') return noContent();
    return null;
  },
  'widgets.mango-office.ru': (ctx) => (ctx.path === '/widgets/mango.js' ? js('mango.js') : null),
  'dct.mango-office.ru': (ctx) => (ctx.path.startsWith('/track/') ? gif() : null),
  'cdn.carrotquest.app': (ctx) => (ctx.path === '/api.min.js' ? js('carrotquest.js') : null),
  'api.carrotquest.io': (ctx) => (ctx.path.startsWith('/v1/') ? json({ meta: { status: 200 }, data: {} }) : null),
  'prodoctorov.ru': (ctx) => {
    const p = ctx.path;
    if (m(/^\/static\/js\/widget_(big|column|footer|app)\.js$/, p)) return js('prodoctorov-widget.js');
    if (p.startsWith('/static/_v1/pd/logos/')) {
      return reply(
        200,
        CT.svg,
        '<svg xmlns="http://www.w3.org/2000/svg" width="120" height="24"><text x="0" y="18" font-size="16" fill="#1e6fd9">ПроДокторов</text></svg>',
      );
    }
    if (p === '/widget/big/') {
      return reply(
        200,
        CT.html,
        `<!doctype html><html lang="ru"><meta charset="utf-8"><title>ПроДокторов</title><body style="margin:0;font:13px Arial"><img src="/static/_v1/pd/logos/logo-pd.svg" alt="ПроДокторов"> Рейтинг клиники 4,8 · 312 отзывов</body></html>`,
      );
    }
    return null;
  },
  'www.googletagmanager.com': (ctx) => (ctx.path === '/gtag/js' || ctx.path === '/gtm.js' ? js('gtag.js') : null),
  'www.google-analytics.com': (ctx) => (ctx.path === '/g/collect' ? noContent() : null),
  'region1.google-analytics.com': (ctx) => (ctx.path === '/g/collect' ? noContent() : null),
  'www.googleadservices.com': (ctx) => {
    if (ctx.path === '/pagead/conversion.js' || ctx.path === '/pagead/conversion_async.js') return js('google-ads-conversion.js');
    if (ctx.path.startsWith('/pagead/conversion/')) return gif();
    return null;
  },
  'googleads.g.doubleclick.net': (ctx) => {
    if (!ctx.path.startsWith('/pagead/viewthroughconversion/')) return null;
    const cookies = [thirdPartyCookie('test_cookie', 'CheckForPermission', '.doubleclick.net', 900)];
    if (!ctx.cookies.has('IDE')) cookies.push(thirdPartyCookie('IDE', `AHWqTU${randomHex(24)}`, '.doubleclick.net', 33696000));
    return gif({ 'Set-Cookie': cookies });
  },
  'connect.facebook.net': (ctx) => (ctx.path === '/en_US/fbevents.js' ? js('meta-fbevents.js') : null),
  'www.facebook.com': (ctx) => {
    if (ctx.path !== '/tr' && ctx.path !== '/tr/') return null;
    return gif({
      'Set-Cookie': ctx.cookies.has('fr') ? [] : [thirdPartyCookie('fr', `0${randomHex(16)}..${randomHex(8)}`, '.facebook.com', 7776000)],
    });
  },
  [UNKNOWN_COUNTER_HOST]: (ctx) => {
    const id = ctx.cookies.get(UNKNOWN_COUNTER_COOKIE);
    // An identifier-like cross-site cookie (32 hex) that no catalogue knows.
    const idCookie = id
      ? []
      : [thirdPartyCookie(UNKNOWN_COUNTER_COOKIE, randomHex(16), `.${UNKNOWN_COUNTER_HOST.split('.').slice(-2).join('.')}`)];
    if (ctx.path === '/c.js') return reply(200, CT.js, asset('medstat-counter.js'), { 'Set-Cookie': idCookie });
    if (ctx.path === '/hit.gif') return gif({ 'Set-Cookie': idCookie });
    if (ctx.path === '/many-cookies.gif') {
      const n = Math.min(50, Math.max(0, Number(ctx.query.get('n') ?? '20') || 0));
      const list: string[] = [];
      for (let i = 0; i < n; i++)
        list.push(setCookie({ name: `hostile_3p_${i}`, value: randomHex(8), maxAge: 3600, sameSite: 'None', secure: true }));
      return gif({ 'Set-Cookie': list });
    }
    return null;
  },
  [IDN_PIXEL_HOST]: (ctx) => (ctx.path === '/pixel.gif' ? gif() : null),
  [IDN_FORM_HOST]: () =>
    reply(200, CT.html, '<!doctype html><html lang="ru"><meta charset="utf-8"><title>Пример</title><p>Пример.испытание</p></html>'),
};

/** The hosts the replica answers for (besides the site and IP literals). */
export const VENDOR_HOSTS = new Set(Object.keys(HANDLERS));

/** Routes a vendor request; null when the host is not emulated at all. */
export function routeVendor(ctx: RouteContext): Reply | null {
  if (BULK_HOSTS.has(ctx.host) && /^\/px\/\d+\.gif$/.test(ctx.path)) return gif();
  const h = HANDLERS[ctx.host];
  if (!h) return null;
  return h(ctx) ?? notFound();
}
