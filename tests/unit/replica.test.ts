import { createHash } from 'node:crypto';
import https from 'node:https';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  HOSTILE_COOKIES,
  HOSTILE_REQUEST_COUNT,
  IDS,
  POLICY_SENTENCE_ALTERED,
  POLICY_SENTENCE_VERBATIM,
  UNKNOWN_COUNTER_COOKIE,
  UNKNOWN_COUNTER_HOST,
} from '../replica/ids';
import { policyBlocks, policySourceText } from '../replica/policy-page';
import { SPECIALTIES } from '../replica/site';
import { startReplica, type Replica } from '../replica/server';
import { asset, vendorForHost } from '../replica/vendors';

interface Res {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

let r: Replica;

function get(host: string, path: string, opts: { method?: string; body?: string; headers?: Record<string, string> } = {}): Promise<Res> {
  return new Promise((resolve, reject) => {
    const req = https.request(
      {
        host: '127.0.0.1',
        port: r.port,
        path,
        method: opts.method ?? 'GET',
        servername: /^[\d.]+$/.test(host) ? undefined : host,
        rejectUnauthorized: false,
        headers: { Host: host, ...opts.headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.on('error', reject);
    req.end(opts.body);
  });
}

const setCookies = (res: Res): string[] => (res.headers['set-cookie'] as string[] | undefined) ?? [];
const textOf = (html: string): string =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&laquo;/g, '«')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
const norm = (s: string): string => s.replace(/\s+/g, ' ').trim();

beforeAll(async () => {
  r = await startReplica({ port: 0 });
});
afterAll(async () => {
  await r.close();
});
beforeEach(() => r.clearHits());

describe('replica server', () => {
  it('exposes its port, origin and resolver rules', () => {
    expect(r.port).toBeGreaterThan(0);
    expect(r.origin).toBe(`https://127.0.0.1:${r.port}`);
    expect(r.resolverRules).toBe(`MAP * 127.0.0.1:${r.port}`);
  });

  it.each([
    ['/', 'Сеть клиник «Промедика»'],
    ['/doctors/', 'code.jivo.ru/widget/'],
    ['/services/urologiya/', '<title>Урология — консультация уролога | Промедика</title>'],
    ['/appointment/', 'name="phone"'],
    ['/contacts/', 'id="callback-button"'],
    ['/privacy/', 'Политика конфиденциальности'],
    ['/politika-konfidentsialnosti/', 'Хранение персональных данных'],
    ['/form-no-policy/', 'id="feedback-form"'],
    ['/insecure-form/', 'action="http://pro-medika.ru/submit"'],
    ['/hostile/', 'many-cookies.gif'],
    ['/slow/', "'hit'"],
  ])('serves %s as HTML with its marker', async (path, marker) => {
    for (const host of ['pro-medika.ru', 'www.pro-medika.ru']) {
      const res = await get(host, path);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/html; charset=utf-8/);
      expect(res.headers['content-security-policy']).toBeUndefined();
      expect(res.body).toContain(marker);
    }
  });

  it('home page: cookie notice, first-party Set-Cookie, Metrica and Top.Mail.Ru before consent, gtag only after', async () => {
    const res = await get('pro-medika.ru', '/');
    expect(res.body).toContain('<button type="button" id="cookie-accept">Принять</button>');
    const sc = setCookies(res);
    expect(sc.find((c) => c.startsWith('PHPSESSID='))).toMatch(/HttpOnly.*Secure/);
    // The Bitrix guest id comes without Secure (the cookie-attributes "secure" case).
    const guest = sc.find((c) => c.startsWith('BITRIX_SM_GUEST_ID='));
    expect(guest).toMatch(/^BITRIX_SM_GUEST_ID=\d{7}; Path=\/; Max-Age=31536000; Expires=[^;]+; SameSite=Lax$/);
    expect(guest).not.toMatch(/Secure/i);
    expect(res.body).toContain('https://mc.yandex.ru/metrika/tag.js');
    expect(res.body).toContain('https://top-fwz1.mail.ru/js/code.js');
    expect(res.body).toContain('https://mod.calltouch.ru/init.js?id=');
    expect(res.body).toContain(`webvisor:false`);
    // gtag is only referenced inside the consent callback, never as a static <script src>.
    expect(res.body).not.toMatch(/<script[^>]+src="https:\/\/www\.googletagmanager\.com/);
    expect(res.body).toMatch(/addEventListener\('pm:consent', loadGtag\)/);
  });

  it('urologiya: unsafe-url referrer, Webvisor on, Direct and VK pixels with the page URL', async () => {
    const res = await get('pro-medika.ru', '/services/urologiya/');
    expect(res.body).toContain('<meta name="referrer" content="unsafe-url">');
    expect(res.body).toContain('webvisor:true');
    expect(res.body).toContain('https://yabs.yandex.ru/rtgpx/?');
    expect(res.body).toContain(`https://vk.com/rtrg?p=${IDS.vkPixel}&url=`);
  });

  it('form pages: consent with policy link, no policy link at all, plain-HTTP action', async () => {
    const appt = await get('pro-medika.ru', '/appointment/');
    for (const n of ['name', 'phone', 'email', 'consent']) expect(appt.body).toContain(`name="${n}"`);
    expect(appt.body).toMatch(/согласие на обработку моих персональных данных[^<]*<a href="\/politika-konfidentsialnosti\/">/);
    const noPolicy = await get('pro-medika.ru', '/form-no-policy/');
    expect(noPolicy.body).not.toContain('politika-konfidentsialnosti');
    expect(noPolicy.body).not.toContain('/privacy/');
    expect(noPolicy.body).not.toMatch(/согласи/i);
    const other = await get('pro-medika.ru', '/doctors/');
    expect(other.body).toContain('href="/politika-konfidentsialnosti/" class="policy-link"');
  });

  it('accepts the appointment POST and answers the plain-HTTP submission on the same port', async () => {
    const res = await get('pro-medika.ru', '/appointment/submit', {
      method: 'POST',
      body: 'name=a&phone=1',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    expect(res.status).toBe(200);
    expect(res.body).toContain('Спасибо');
    expect(r.hits.at(-1)).toMatchObject({ method: 'POST', path: '/appointment/submit', body: 'name=a&phone=1' });
    const plain = await fetch(`http://127.0.0.1:${r.port}/submit`, { method: 'POST', body: 'phone=1' });
    expect(plain.status).toBe(200);
    expect(r.hits.at(-1)?.url).toBe(`http://127.0.0.1:${r.port}/submit`);
  });

  it('services catalogue: every specialty it links is a page with Metrica and Top.Mail.Ru; unknown slugs 404', async () => {
    const index = await get('pro-medika.ru', '/services/');
    expect(index.status).toBe(200);
    const links = [...index.body.matchAll(/href="(\/services\/[a-z-]+\/)"/g)].map((m) => m[1]);
    expect(new Set(links).size).toBe(SPECIALTIES.length + 1);
    expect(links).toContain('/services/urologiya/');
    for (const link of links) {
      const page = await get('pro-medika.ru', link);
      expect(page.status, link).toBe(200);
      expect(page.body, link).toContain('mc.yandex.ru/metrika/tag.js');
    }
    const home = await get('pro-medika.ru', '/');
    expect(home.body).toContain('href="/services/"');
    expect((await get('pro-medika.ru', '/services/no-such-specialty/')).status).toBe(404);
  });

  it('redirects paths without a trailing slash and 404s unknown site paths', async () => {
    const res = await get('pro-medika.ru', '/contacts');
    expect(res.status).toBe(301);
    expect(res.headers.location).toBe('/contacts/');
    expect((await get('pro-medika.ru', '/nope.html')).status).toBe(404);
  });
});

describe('policy page', () => {
  it('keeps every sentence of the source verbatim and drops conversion markers', async () => {
    const html = (await get('pro-medika.ru', '/politika-konfidentsialnosti/')).body;
    const text = textOf(html);
    expect(text).not.toContain('[image: ]');
    expect(text).not.toContain('[bookmark');
    const lines = policySourceText()
      .split('\n')
      .map((l) => norm(l.replace('[bookmark: _GoBack]', '')))
      .filter((l) => l && l !== '[image: ]');
    expect(lines.length).toBeGreaterThan(40);
    for (const l of lines.slice(2)) expect(norm(text)).toContain(l);
    expect(text).toContain(POLICY_SENTENCE_VERBATIM);
  });

  it("'altered' changes exactly one sentence and can be switched back", async () => {
    const before = policyBlocks('verbatim');
    const after = policyBlocks('altered');
    expect(after).toHaveLength(before.length);
    const diffs = before.filter((b, i) => b.text !== after[i].text);
    expect(diffs.map((d) => d.text)).toEqual([POLICY_SENTENCE_VERBATIM]);

    r.setPolicyVariant('altered');
    const altered = textOf((await get('pro-medika.ru', '/privacy/')).body);
    expect(altered).toContain(POLICY_SENTENCE_ALTERED);
    expect(altered).not.toContain(POLICY_SENTENCE_VERBATIM);
    r.setPolicyVariant('verbatim');
    expect(textOf((await get('pro-medika.ru', '/privacy/')).body)).toContain(POLICY_SENTENCE_VERBATIM);
  });
});

describe('vendor emulation', () => {
  it.each([
    ['mc.yandex.ru', '/metrika/tag.js'],
    ['top-fwz1.mail.ru', '/js/code.js'],
    ['www.googletagmanager.com', `/gtag/js?id=${IDS.ga4}`],
    ['mod.calltouch.ru', `/init.js?id=${IDS.calltouchSite}`],
    ['cloud.roistat.com', `/api/site/1.0/${IDS.roistatProject}/init?referrer=x`],
    ['cloud.roistat.com', '/dist/module.js'],
    ['app.comagic.ru', '/static/cs.min.js'],
    ['code.jivo.ru', `/widget/${IDS.jivoWidget}`],
    ['prodoctorov.ru', '/static/js/widget_big.js'],
    ['cdn-ru.bitrix24.ru', `/${IDS.bitrix24Portal}/crm/site_button/loader_1_abc.js?123`],
    ['cdn.callibri.ru', '/callibri.js'],
    ['cdn.envybox.io', `/widget/cbk.js?wcb_code=${IDS.envyboxCode}`],
    ['cdn.callbackhunter.com', `/cbh.js?hunter_code=${IDS.callbackHunterCode}`],
    ['widgets.mango-office.ru', '/widgets/mango.js'],
    ['cdn.carrotquest.app', '/api.min.js'],
    ['connect.facebook.net', '/en_US/fbevents.js'],
    ['www.googleadservices.com', '/pagead/conversion.js'],
    ['ad.mail.ru', '/static/ads-async.js'],
    ['vk.com', '/js/api/openapi.js?169'],
    [UNKNOWN_COUNTER_HOST, '/c.js?site=pro-medika'],
  ])('%s%s answers with JavaScript', async (host, path) => {
    const res = await get(host, path);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/javascript; charset=utf-8');
    expect(res.body).toMatch(/\(function \(\) \{|^\/\*/);
    expect(() => new Function(res.body)).not.toThrow();
  });

  it('every script the pages reference from a vendor host is served', async () => {
    const pages = ['/', '/doctors/', '/services/urologiya/', '/appointment/', '/contacts/'];
    const srcs = new Set<string>();
    for (const p of pages) {
      const html = (await get('pro-medika.ru', p)).body;
      for (const m of html.matchAll(/(?:src=|s\.src = |\.src=)["'](?:https:)?\/\/([^/"']+)(\/[^"']*)["']/g)) srcs.add(`${m[1]}${m[2]}`);
    }
    expect(srcs.size).toBeGreaterThan(10);
    for (const s of srcs) {
      const i = s.indexOf('/');
      const res = await get(s.slice(0, i), s.slice(i));
      expect([200, 204], s).toContain(res.status);
    }
  });

  it('the Metrica watch endpoint sets SameSite=None; Secure third-party cookies and a Partitioned one', async () => {
    const res = await get('mc.yandex.ru', `/watch/${IDS.metricaCounter}?page-url=https%3A%2F%2Fpro-medika.ru%2F`, {
      headers: { Origin: 'https://pro-medika.ru' },
    });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('image/gif');
    const sc = setCookies(res);
    const yuid = sc.find((c) => c.startsWith('yandexuid='));
    expect(yuid).toMatch(/Domain=\.yandex\.ru/);
    expect(yuid).toMatch(/SameSite=None/);
    expect(yuid).toMatch(/; Secure/);
    const part = sc.find((c) => c.startsWith('yabs-sid='));
    expect(part).toMatch(/; Partitioned/);
    expect(part).toMatch(/Path=\//);
    expect(part).toMatch(/SameSite=None/);
    expect(part).toMatch(/; Secure/);
    expect(res.headers['access-control-allow-origin']).toBe('https://pro-medika.ru');
    expect(res.headers['access-control-allow-credentials']).toBe('true');
  });

  it.each([
    ['top-fwz1.mail.ru', '/tracker?id=1&u=x', 'VID', '.mail.ru'],
    ['googleads.g.doubleclick.net', `/pagead/viewthroughconversion/${IDS.googleAds}/?url=x`, 'IDE', '.doubleclick.net'],
    ['www.facebook.com', `/tr/?id=${IDS.metaPixel}&ev=PageView`, 'fr', '.facebook.com'],
    [UNKNOWN_COUNTER_HOST, '/hit.gif?u=x', UNKNOWN_COUNTER_COOKIE, '.medstat-unknown.net'],
  ])('%s sets the third-party cookie %s', async (host, path, name, domain) => {
    const sc = setCookies(await get(host, path));
    const c = sc.find((x) => x.startsWith(`${name}=`));
    expect(c).toBeDefined();
    expect(c).toContain(`Domain=${domain}`);
    expect(c).toMatch(/SameSite=None/);
    expect(c).toMatch(/; Secure/);
  });

  it('the unknown counter id is 32 hex and is not re-set once present', async () => {
    const first = setCookies(await get(UNKNOWN_COUNTER_HOST, '/hit.gif')).find((c) => c.startsWith(`${UNKNOWN_COUNTER_COOKIE}=`));
    expect(first).toMatch(new RegExp(`^${UNKNOWN_COUNTER_COOKIE}=[0-9a-f]{32};`));
    const again = await get(UNKNOWN_COUNTER_HOST, '/hit.gif', { headers: { Cookie: `${UNKNOWN_COUNTER_COOKIE}=abc` } });
    expect(setCookies(again)).toEqual([]);
    expect(r.hits.at(-1)?.vendor).toBeUndefined();
  });

  it('answers CORS preflight and credentialed POSTs (Webvisor, Roistat)', async () => {
    const pre = await get('mc.yandex.ru', `/webvisor/${IDS.metricaCounter}`, {
      method: 'OPTIONS',
      headers: {
        Origin: 'https://pro-medika.ru',
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'content-type',
      },
    });
    expect(pre.status).toBe(204);
    expect(pre.headers['access-control-allow-origin']).toBe('https://pro-medika.ru');
    expect(pre.headers['access-control-allow-headers']).toBe('content-type');
    const body = JSON.stringify({ events: [{ t: 'input', field: 'phone', value: '+7 913' }] });
    const post = await get('mc.yandex.ru', `/webvisor/${IDS.metricaCounter}?wv-type=events`, {
      method: 'POST',
      body,
      headers: { Origin: 'https://pro-medika.ru' },
    });
    expect(post.status).toBe(200);
    expect(post.headers['access-control-allow-credentials']).toBe('true');
    const hit = r.hits.at(-1);
    expect(hit).toMatchObject({
      method: 'POST',
      host: 'mc.yandex.ru',
      path: `/webvisor/${IDS.metricaCounter}`,
      query: 'wv-type=events',
      body,
      vendor: 'yandex-metrica',
    });
    const roi = await get('cloud.roistat.com', `/api/site/1.0/${IDS.roistatProject}/addVisit`, { method: 'POST', body: '{}' });
    expect(JSON.parse(roi.body)).toMatchObject({ status: 'success' });
  });

  it('records hits with host, path, query, url, referer, cookies and vendor; unknown hosts 404 but are recorded', async () => {
    await get('top-fwz1.mail.ru', '/tracker?id=3401234&u=https%3A%2F%2Fpro-medika.ru%2F', {
      headers: { Referer: 'https://pro-medika.ru/services/urologiya/', Cookie: 'VID=1' },
    });
    const nf = await get('tracker.nobody-knows.example', '/x.gif?a=1');
    expect(nf.status).toBe(404);
    expect(r.hits).toHaveLength(2);
    expect(r.hits[0]).toMatchObject({
      method: 'GET',
      host: 'top-fwz1.mail.ru',
      path: '/tracker',
      query: 'id=3401234&u=https%3A%2F%2Fpro-medika.ru%2F',
      url: 'https://top-fwz1.mail.ru/tracker?id=3401234&u=https%3A%2F%2Fpro-medika.ru%2F',
      referer: 'https://pro-medika.ru/services/urologiya/',
      cookieHeader: 'VID=1',
      vendor: 'vk-ads',
    });
    expect(r.hits[0].time).toBeGreaterThan(0);
    expect(r.hits[1]).toMatchObject({ host: 'tracker.nobody-knows.example', path: '/x.gif', query: 'a=1' });
    expect(r.hits[1].vendor).toBeUndefined();
    // Known vendor host, unknown path: 404 as well.
    expect((await get('mc.yandex.ru', '/no/such/path')).status).toBe(404);
    r.clearHits();
    expect(r.hits).toHaveLength(0);
  });

  it('serves the IP-literal and IDN hosts the hostile page uses', async () => {
    expect((await get('127.0.0.1', '/ip-pixel.gif')).headers['content-type']).toBe('image/gif');
    expect((await get('xn--80aswg.xn--p1ai', '/pixel.gif')).status).toBe(200);
    expect((await get('static.pro-medika.ru', '/px/17.gif?n=17')).headers['set-cookie']).toBeUndefined();
  });

  it('guesses catalogue vendor ids from hosts', () => {
    expect(vendorForHost('mc.yandex.ru')).toBe('yandex-metrica');
    expect(vendorForHost('node-ya-1.jivosite.com')).toBe('jivo');
    expect(vendorForHost('googleads.g.doubleclick.net')).toBe('google-ads');
    expect(vendorForHost('evil-vk.com')).toBeUndefined();
    expect(vendorForHost(UNKNOWN_COUNTER_HOST)).toBeUndefined();
  });
});

describe('hostile page', () => {
  it('carries markup in title, cookies and storage, and the advertised counts', async () => {
    const res = await get('pro-medika.ru', '/hostile/');
    expect(res.body).toContain('<title>&lt;img src=x onerror=alert(&#39;title&#39;)&gt;');
    const sc = setCookies(res);
    expect(sc).toHaveLength(HOSTILE_COOKIES.setCookie);
    expect(sc.some((c) => c.startsWith('"><script>alert(1)</script>='))).toBe(true);
    expect(res.body).toContain(`var total = ${HOSTILE_REQUEST_COUNT},`);
    expect((await get('pro-medika.ru', '/hostile/?n=50')).body).toContain('var total = 50,');
    expect(res.body).toContain(`/many-cookies.gif?n=${HOSTILE_COOKIES.thirdParty}`);
    expect(res.body).toContain(`https://127.0.0.1:${r.port}/ip-pixel.gif`);
    expect(res.body).toContain('https://сайт.рф/pixel.gif');
    expect(res.body).toContain('https://пример.испытание/forms/feedback');
    // Inline script must not be cut short by a literal closing tag inside a string.
    const script = res.body.slice(res.body.lastIndexOf('<script>'));
    expect(script.indexOf('</script>')).toBe(script.lastIndexOf('</script>'));
    // The 15 malformed corpus URLs appear as src attributes.
    expect(res.body.match(/<img src="(https?|wss?):\/\/" /g)).toHaveLength(15);
  });

  it('the third-party cookie burst sets the requested number of SameSite=None cookies', async () => {
    const sc = setCookies(await get(UNKNOWN_COUNTER_HOST, `/many-cookies.gif?n=${HOSTILE_COOKIES.thirdParty}`));
    expect(sc).toHaveLength(HOSTILE_COOKIES.thirdParty);
    expect(sc.every((c) => /SameSite=None/.test(c))).toBe(true);
  });
});

describe('tag scripts', () => {
  it('top-mail-code.js hashes with a correct MD5', () => {
    const win: Record<string, unknown> = { screen: { width: 1, height: 1 }, innerWidth: 1, innerHeight: 1, _tmr: [] };
    const sandbox = {
      window: win,
      document: { cookie: '', referrer: '', title: '' },
      location: { hostname: 'pro-medika.ru', protocol: 'https:', href: 'https://pro-medika.ru/' },
      localStorage: { setItem() {}, getItem: () => null },
      Image: class {
        src = '';
      },
      URLSearchParams,
      encodeURIComponent,
      unescape,
    };
    runInNewContext(asset('top-mail-code.js'), sandbox);
    const md5 = win.__tmrMd5 as (s: string) => string;
    for (const s of ['', '79131234567', 'Промедика', 'x'.repeat(130)]) {
      expect(md5(s)).toBe(createHash('md5').update(s, 'utf8').digest('hex'));
    }
  });

  it('every tag script parses as plain browser JavaScript', () => {
    const names = [
      'metrika-tag.js',
      'top-mail-code.js',
      'gtag.js',
      'google-ads-conversion.js',
      'meta-fbevents.js',
      'calltouch-init.js',
      'roistat.js',
      'comagic-cs.js',
      'jivo-widget.js',
      'bitrix24-loader.js',
      'callibri.js',
      'envybox-cbk.js',
      'callbackhunter.js',
      'mango.js',
      'carrotquest.js',
      'prodoctorov-widget.js',
      'mytarget-ads-async.js',
      'vk-openapi.js',
      'medstat-counter.js',
    ];
    for (const n of names) expect(() => new Function(asset(n)), n).not.toThrow();
  });
});

describe('heavy pages (issue 15: as demanding as the live site)', () => {
  it.each([
    ['/heavy/services/', 220, 40, false],
    ['/heavy/appointment/', 240, 70, true],
  ] as const)(
    '%s: cookies by script, 200+ pixels, a beacon stream, a tag in an iframe, polling',
    async (path, pixels, cookies, webvisor) => {
      const res = await get('pro-medika.ru', path);
      expect(res.status).toBe(200);
      expect(res.body).toContain('<iframe src="/heavy/frame/"');
      expect(res.body).toContain(`max = ${pixels};`);
      expect(res.body).toContain(`var total = ${cookies},`);
      expect(res.body).toContain('navigator.sendBeacon(');
      expect(res.body).toContain("fetch('/heavy/poll.json?n='");
      expect(res.body).toContain(`webvisor:${webvisor}`);
      // Unbounded polling unless the URL says how many; a bound is a number, nothing else.
      expect(res.body).toContain('var polls = null,');
      expect((await get('pro-medika.ru', `${path}?polls=4`)).body).toContain('var polls = 4,');
      expect((await get('pro-medika.ru', `${path}?polls=4);alert(1`)).body).toContain('var polls = null,');
      // Every script on the page parses.
      for (const m of res.body.matchAll(/<script(?: type="text\/javascript")?>([\s\S]*?)<\/script>/g))
        expect(() => new Function(m[1])).not.toThrow();
    },
  );

  it('the frame loads a counter of its own; the poll answers JSON; pixels are served', async () => {
    const frame = await get('pro-medika.ru', '/heavy/frame/');
    expect(frame.status).toBe(200);
    expect(frame.body).toContain('https://top-fwz1.mail.ru/js/code.js');
    const poll = await get('pro-medika.ru', '/heavy/poll.json?n=3');
    expect(JSON.parse(poll.body)).toEqual({ n: 3, slots: [] });
    expect((await get('mc.yandex.ru', '/px/7.gif?heavy=7')).status).toBe(200);
    expect((await get('pro-medika.ru', '/heavy/unknown/')).status).toBe(404);
  });
});
