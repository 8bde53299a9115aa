/**
 * Disclosure mapping (issue #3): which clause of the clinic's policy covers each tracker, how
 * clearly, and whether observed behaviour possibly contradicts an explicit statement.
 *
 * Statuses follow PoliCheck's flow-to-policy labels (research/anchors.md §7: clear / vague /
 * omitted / incorrect), renamed for patients:
 *   named        = the policy names the vendor or its product (PoliCheck "clear");
 *   generic      = only a general statement covers it (PoliCheck "vague"): cookies / pixel tags /
 *                  web beacons, or "рекламных систем, таких как … и т.п.";
 *   undisclosed  = nothing in the policy covers it (PoliCheck "omitted");
 *   contradicted = observed behaviour conflicts with an explicit statement (PoliCheck
 *                  "incorrect"); always worded «возможное противоречие», never a verdict.
 *
 * Pure: no browser APIs. Every quote comes from the policy model (verbatim substrings).
 */
import type { Disclosure, ReportCookie, ReportPage, ReportStorage, ReportThirdParty, ReportTracker, Contradiction } from '../report/schema';
import type { ObservedCookie, ObservedRequest } from '../observation';
import { detectHealthContext, safeDecode } from '../health/lexicon';
import { policyModel, quoteFor, type Purpose } from './model';

export interface Bilingual {
  ru: string;
  en: string;
}

export interface PolicyMapping {
  /** Stated purposes (purpose ids = clause ids) this vendor serves, in the policy's own terms. */
  purposes: string[];
  /** Clauses that cover (disclose) it; empty when nothing does. */
  clauses: string[];
  disclosure: Exclude<Disclosure, 'contradicted'>;
  explanation: Bilingual;
}

export interface VendorPolicyEntry extends PolicyMapping {
  /** Feature-level overrides where the feature is a different practice (e.g. Webvisor session replay). */
  features?: Record<string, PolicyMapping>;
}

// Shared wording, so that the same practice is explained the same way for every vendor.
const GENERIC_ANALYTICS: Bilingual = {
  ru: 'Политика не называет этот сервис, но в общем виде говорит о cookie, пиксельных ярлыках и веб-маяках: их задача «фиксировать все посещения», они помогают «лучше понимать поведение пользователей».',
  en: 'The policy does not name this service, but speaks in general terms of cookies, pixel tags and web beacons: their task is to "record all visits" and they help "better understand user behaviour" (our translation).',
};
const GENERIC_ADS: Bilingual = {
  ru: 'Политика не называет эту рекламную систему; её покрывает лишь общая фраза о настройках «рекламных систем, таких как … и т.п.» и о технологиях, которые «измеряют эффективность рекламы».',
  en: 'The policy does not name this ad system; only the general phrase about setting up "advertising systems such as … etc." and technologies that "measure advertising effectiveness" (our translation) covers it.',
};
const CALL_TRACKING: Bilingual = {
  ru: 'Коллтрекинг подменяет номер телефона клиники на странице и связывает ваш звонок с посещением сайта и рекламным источником. В политике о подмене номеров и передаче данных о звонках сервису ничего не сказано.',
  en: "Call tracking swaps the clinic's phone number on the page and links your call to your visit and the ad that brought you. The policy says nothing about number swapping or sharing call data with such a service.",
};
const CHAT: Bilingual = {
  ru: 'Сторонний виджет чата или обратного звонка: то, что вы пишете или оставляете (имя, телефон, вопрос о здоровье), попадает на серверы другой компании. Политика о таких сервисах не упоминает.',
  en: "A third-party chat or call-back widget: what you type or leave (name, phone, a health question) goes to another company's servers. The policy does not mention such services.",
};
const UNKNOWN: Bilingual = {
  ru: 'Неопознанная сторонняя служба: политика не называет её и не описывает, какие данные ей передаются.',
  en: 'An unidentified third party: the policy neither names it nor describes what is sent to it.',
};

const ANALYTICS_CLAUSES = ['cookies.technologies', 'cookies.aggregate-non-personal', 'collection.non-personal'];
const ADS_CLAUSES = ['ads.audiences', 'cookies.technologies'];

function named(product: string, productEn: string, what: Bilingual): PolicyMapping {
  return {
    purposes: ['ads.audiences', 'cookies.technologies'],
    clauses: ADS_CLAUSES,
    disclosure: 'named',
    explanation: {
      ru: `Политика прямо называет «${product}» среди рекламных систем, при настройках которых используются «обезличенные, общие данные о целевых аудиториях». ${what.ru}`,
      en: `The policy names "${productEn}" among the ad systems set up with "anonymised, general data about target audiences" (our translation). ${what.en}`,
    },
  };
}

function callTracking(extra?: Bilingual): PolicyMapping {
  return {
    purposes: ['cookies.technologies'],
    clauses: [],
    disclosure: 'undisclosed',
    explanation: extra ? { ru: `${CALL_TRACKING.ru} ${extra.ru}`, en: `${CALL_TRACKING.en} ${extra.en}` } : CALL_TRACKING,
  };
}

function chat(extra?: Bilingual): PolicyMapping {
  return {
    purposes: ['purposes.service-quality'],
    clauses: [],
    disclosure: 'undisclosed',
    explanation: extra ? { ru: `${CHAT.ru} ${extra.ru}`, en: `${CHAT.en} ${extra.en}` } : CHAT,
  };
}

const WEBVISOR: PolicyMapping = {
  purposes: ['purposes.functionality'],
  clauses: [],
  disclosure: 'undisclosed',
  explanation: {
    ru: 'Вебвизор Яндекс Метрики записывает сеанс: движения мыши, прокрутку, клики и ввод в поля форм, чтобы потом воспроизвести визит как видео. О записи сеансов политика ничего не говорит.',
    en: 'Yandex Metrica Webvisor records the session: mouse movements, scrolling, clicks and form input, to replay the visit like a video. The policy says nothing about session recording.',
  },
};

/**
 * VK Ads: two products under one vendor id.
 * - The VK pixel (vk.com/rtrg, VK.Retargeting in openapi.js) is the retargeting pixel of VK's
 *   ad cabinet that was branded "VK Target" (target.vk.com), so the policy's «VK Target» names it.
 * - The Top.Mail.Ru counter (top-fwz1.mail.ru) is NOT VK Target: it is the former Mail.ru Group
 *   web counter, which VK documents as an audience source for myTarget / VK Ads
 *   (target.my.com/help/advertisers/sourcetopmailru/ru, via research/trackers-ru.json). The policy
 *   names neither "Top.Mail.Ru" nor any counter, so it is covered only generically (pixel tags /
 *   web beacons, and "MyTarget … и т.п." for the audiences it feeds). Claiming "named" for it
 *   would overstate the policy; see vkAdsMapping().
 */
const VK_PIXEL: PolicyMapping = named('VK Target', 'VK Target', {
  ru: 'Пиксель ВКонтакте отмечает ваш визит, чтобы потом показывать вам рекламу клиники во ВКонтакте (ретаргетинг).',
  en: 'The VK pixel marks your visit so that clinic ads can be shown to you on VK later (retargeting).',
});
const TOP_MAIL_RU: PolicyMapping = {
  purposes: ['cookies.technologies', 'ads.audiences'],
  clauses: ANALYTICS_CLAUSES.concat('ads.audiences'),
  disclosure: 'generic',
  explanation: {
    ru: 'Счётчик Top.Mail.Ru (VK) считает посещения и собирает аудитории для рекламы в сети VK. Политика не называет его: «VK Target» в политике — это рекламный кабинет ВКонтакте, а не этот счётчик; покрывает его лишь общая фраза о пиксельных ярлыках и рекламных системах «и т.п.».',
    en: 'The Top.Mail.Ru counter (VK) counts visits and builds audiences for ads in the VK network. The policy does not name it: its "VK Target" is the VK ad cabinet, not this counter; only the general phrase about pixel tags and ad systems "etc." covers it.',
  },
};

/** The mapping for every curated vendor id (tests/unit/policy-disclosure.test.ts enumerates the catalogue). */
export const vendorPolicyMap: Record<string, VendorPolicyEntry> = {
  'yandex-metrica': {
    purposes: ['cookies.technologies', 'purposes.functionality'],
    clauses: ANALYTICS_CLAUSES,
    disclosure: 'generic',
    explanation: {
      ru: `Яндекс Метрика — счётчик посещаемости. ${GENERIC_ANALYTICS.ru}`,
      en: `Yandex Metrica is a visitor counter. ${GENERIC_ANALYTICS.en}`,
    },
    features: { webvisor: WEBVISOR },
  },
  'yandex-direct': named('Яндекс Директ', 'Yandex Direct', {
    ru: 'Рекламная сеть Яндекса отмечает посещение, чтобы показывать рекламу и считать её эффективность.',
    en: "Yandex's ad network records the visit to show ads and measure their effectiveness.",
  }),
  'vk-ads': { ...TOP_MAIL_RU, features: { 'vk-pixel': VK_PIXEL } },
  mytarget: named('MyTarget', 'MyTarget', {
    ru: 'Рекламная сеть myTarget / VK Реклама показывает рекламу и обменивается идентификаторами для таргетинга.',
    en: 'The myTarget / VK Ads network shows ads and syncs identifiers for targeting.',
  }),
  'google-analytics': {
    purposes: ['cookies.technologies', 'purposes.functionality'],
    clauses: ANALYTICS_CLAUSES,
    disclosure: 'generic',
    explanation: {
      ru: `Google Analytics — счётчик посещаемости Google (США). ${GENERIC_ANALYTICS.ru}`,
      en: `Google Analytics is Google's (US) visitor counter. ${GENERIC_ANALYTICS.en}`,
    },
  },
  // "Google Adwords" is the former name of Google Ads (renamed in 2018): the policy names it.
  'google-ads': named('Google Adwords', 'Google Adwords', {
    ru: 'Google Adwords — прежнее название Google Ads; его теги отмечают посещения и конверсии для рекламы.',
    en: 'Google Adwords is the former name of Google Ads; its tags record visits and conversions for ads.',
  }),
  'google-tag-manager': {
    purposes: ['purposes.functionality'],
    clauses: ['cookies.technologies'],
    disclosure: 'generic',
    explanation: {
      ru: 'Google Tag Manager загружает на страницу другие счётчики и пиксели. Политика его не называет; покрывает лишь общая фраза о cookie и «иные технологии».',
      en: 'Google Tag Manager loads other counters and pixels into the page. The policy does not name it; only the general phrase about cookies and "other technologies" (our translation) covers it.',
    },
  },
  'meta-pixel': {
    purposes: ['ads.audiences', 'cookies.technologies'],
    clauses: ADS_CLAUSES,
    disclosure: 'generic',
    explanation: {
      ru: `Пиксель Meta (Facebook, США) отмечает визит для рекламы в соцсетях Meta. ${GENERIC_ADS.ru}`,
      en: `The Meta (Facebook, US) pixel records the visit for ads on Meta's networks. ${GENERIC_ADS.en}`,
    },
  },
  calltouch: callTracking(),
  roistat: callTracking({
    ru: 'Roistat также связывает визит с заявками и продажами (сквозная аналитика).',
    en: 'Roistat also links the visit to leads and sales (end-to-end analytics).',
  }),
  comagic: callTracking(),
  'mango-office': callTracking(),
  callibri: callTracking({
    ru: 'Callibri также предлагает онлайн-чат и формы обратной связи.',
    en: 'Callibri also offers an online chat and feedback forms.',
  }),
  jivo: chat(),
  'carrot-quest': chat({
    ru: 'Carrot quest также ведёт профиль посетителя для маркетинговых рассылок.',
    en: 'Carrot quest also keeps a visitor profile for marketing messages.',
  }),
  envybox: chat(),
  callbackhunter: chat(),
  bitrix24: {
    purposes: ['purposes.service-quality'],
    clauses: [],
    disclosure: 'undisclosed',
    explanation: {
      ru: 'Виджет и трекер CRM Битрикс24: связывает посетителя сайта с карточкой клиента в CRM на серверах Битрикс24. Политика об этом не говорит.',
      en: "The Bitrix24 CRM widget and tracker: links the site visitor to a customer record in the CRM on Bitrix24's servers. The policy does not say so.",
    },
  },
  // The site's own CMS: its first-party statistics cookies are the site's cookies that "record visits".
  '1c-bitrix': {
    purposes: ['cookies.technologies'],
    clauses: ['cookies.technologies'],
    disclosure: 'generic',
    explanation: {
      ru: 'Модуль статистики 1С-Битрикс на самом сайте клиники запоминает посетителя. Это собственные cookie сайта, о которых политика говорит в общем виде: их задача «фиксировать все посещения».',
      en: 'The 1C-Bitrix statistics module on the clinic\'s own site remembers the visitor. These are the site\'s own cookies, which the policy covers in general terms: their task is to "record all visits".',
    },
  },
  prodoctorov: {
    purposes: ['purposes.feedback'],
    clauses: [],
    disclosure: 'undisclosed',
    explanation: {
      ru: 'Виджет ПроДокторов (отзывы и запись к врачу) загружается с чужого сервера и видит, какую страницу вы смотрите. Политика о нём не упоминает.',
      en: 'The ProDoctorov widget (reviews and appointments) loads from another server and sees which page you view. The policy does not mention it.',
    },
  },
};

/** Fallback by catalogue category, for OCD-imported vendors ("ocd-*") and any vendor without an entry. */
export function mappingForCategory(category: string): PolicyMapping {
  switch (category) {
    case 'analytics':
      return {
        purposes: ['cookies.technologies', 'purposes.functionality'],
        clauses: ANALYTICS_CLAUSES,
        disclosure: 'generic',
        explanation: GENERIC_ANALYTICS,
      };
    case 'advertising':
    case 'marketing':
      return { purposes: ['ads.audiences', 'cookies.technologies'], clauses: ADS_CLAUSES, disclosure: 'generic', explanation: GENERIC_ADS };
    case 'tag-manager':
      return vendorPolicyMap['google-tag-manager'];
    case 'functional':
    case 'security':
      return {
        purposes: ['purposes.functionality'],
        clauses: ['cookies.technologies'],
        disclosure: 'generic',
        explanation: {
          ru: 'Технический сервис для работы сайта. Политика в общем виде говорит о cookie и «иные технологии»; при отказе от cookie, по её словам, «возможны сбои в работе некоторых страниц Сайта».',
          en: 'A technical service the site needs. The policy speaks in general terms of cookies and "other technologies" without which "some pages may malfunction".',
        },
      };
    case 'session-replay':
      return {
        ...WEBVISOR,
        explanation: {
          ru: 'Сервис записи сеансов: движения мыши, клики и ввод в формы. О записи сеансов политика ничего не говорит.',
          en: 'A session-recording service: mouse movements, clicks and form input. The policy says nothing about session recording.',
        },
      };
    case 'call-tracking':
      return callTracking();
    case 'chat':
    case 'crm':
    case 'widget':
      return chat();
    case 'social':
      return {
        purposes: [],
        clauses: [],
        disclosure: 'undisclosed',
        explanation: {
          ru: 'Виджет социальной сети сообщает ей о вашем визите. Политика о социальных сетях не упоминает.',
          en: 'A social network widget tells the network about your visit. The policy does not mention social networks.',
        },
      };
    default:
      return { purposes: [], clauses: [], disclosure: 'undisclosed', explanation: UNKNOWN };
  }
}

/** Mapping for a vendor (and optional feature); falls back to the category, then to "unidentified". */
export function mappingFor(vendorId: string | null | undefined, category?: string, feature?: string): PolicyMapping {
  if (!vendorId) return mappingForCategory('');
  const entry = vendorPolicyMap[vendorId];
  if (entry) {
    const f = feature ? entry.features?.[feature] : undefined;
    return f ?? entry;
  }
  return mappingForCategory(category ?? '');
}

const RANK: Record<Disclosure, number> = { named: 0, generic: 1, undisclosed: 2, contradicted: 3 };

/** Ordering: contradicted > undisclosed > generic > named (worst first in the UI). */
export function disclosureRank(d: Disclosure | undefined): number {
  return d ? RANK[d] : -1;
}

export function worstDisclosure(ds: (Disclosure | undefined)[]): Disclosure | undefined {
  let worst: Disclosure | undefined;
  for (const d of ds) if (d && disclosureRank(d) > disclosureRank(worst)) worst = d;
  return worst;
}

// ---------------------------------------------------------------------------------------------
// Evidence helpers

export interface DisclosureEvidence {
  pageUrl: string;
  pageTitle: string;
  requests: ObservedRequest[];
  cookies: ObservedCookie[];
  /** Registrable domains of the site itself (first party). */
  siteDomains: string[];
  /** Values the user typed into personal-data fields (audit build only; PageSignals.typedValues). */
  typedValues?: { field: string; value: string }[];
}

const EVIDENCE_URL_MAX = 200;

export function truncateUrl(url: string, max = EVIDENCE_URL_MAX): string {
  return url.length > max ? `${url.slice(0, max - 1)}…` : url;
}

function hostIn(host: string, domain: string): boolean {
  const d = domain.replace(/^\./, '').toLowerCase();
  return host === d || host.endsWith(`.${d}`);
}

function isSiteHost(host: string, siteDomains: string[]): boolean {
  return siteDomains.some((d) => hostIn(host, d));
}

/**
 * A request prepared once per evidence object: rules run per tracker and per cookie, so URL
 * parsing and percent-decoding must not be repeated (800 requests x 150 cookies on a busy page).
 */
interface Haystack {
  req: ObservedRequest;
  host: string | null;
  /** Query parameters, value percent-decoded. */
  params: [string, string][];
  path: string;
  fragment: string;
  body: string;
  /** Everything above joined: a cheap pre-check before locating the parameter. */
  all: string;
}

const haystackCache = new WeakMap<DisclosureEvidence, Haystack[]>();

function prepare(r: ObservedRequest): Haystack {
  let url: URL | null = null;
  try {
    url = new URL(r.url);
  } catch {
    url = null;
  }
  const params: [string, string][] = url ? [...url.searchParams].map(([k, v]) => [k, safeDecode(v)]) : [];
  const path = url ? safeDecode(url.pathname) : safeDecode(r.url);
  const fragment = url ? safeDecode(url.hash) : '';
  const body = r.body ? `${r.body}\n${safeDecode(r.body)}` : '';
  const all = [r.url, path, fragment, ...params.map(([k, v]) => `${k}=${v}`), body].join('\n');
  return { req: r, host: url ? url.hostname.toLowerCase() : null, params, path, fragment, body, all };
}

function haystacks(ev: DisclosureEvidence): Haystack[] {
  let hs = haystackCache.get(ev);
  if (!hs) {
    hs = ev.requests.map(prepare);
    haystackCache.set(ev, hs);
  }
  return hs;
}

function trackerHaystacks(tracker: Pick<ReportTracker, 'hosts'>, ev: DisclosureEvidence): Haystack[] {
  return haystacks(ev).filter(
    (h) => h.host !== null && !isSiteHost(h.host, ev.siteDomains) && tracker.hosts.some((th) => hostIn(h.host!, th)),
  );
}

function isTimestampLike(v: string): boolean {
  if (/^\d{10}$/.test(v)) {
    const n = Number(v);
    return n > 946684800 && n < 4102444800; // 2000..2100 in seconds
  }
  if (/^\d{13}$/.test(v)) {
    const n = Number(v);
    return n > 946684800000 && n < 4102444800000;
  }
  return false;
}

/**
 * Whether a cookie value looks like a per-browser identifier: long digit strings (not a bare
 * timestamp), hex of 16+ digits, UUIDs, or 20+ character tokens mixing letters and digits.
 * Short or common values ("1", "true", "ru") never qualify, so substring search stays precise.
 */
export function isIdentifierLikeValue(raw: string): boolean {
  const v = raw.trim();
  if (v.length < 8 || v.length > 256) return false;
  if (isTimestampLike(v)) return false;
  if (/^\d{8,}$/.test(v)) return true;
  if (/^[0-9a-f]{16,}$/i.test(v)) return true;
  if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v)) return true;
  if (/^[A-Za-z0-9_-]{20,}$/.test(v) && /\d/.test(v) && /[A-Za-z]/.test(v)) return true;
  return false;
}

interface Hit {
  param: string;
}

/** Where a value occurs in a request: a query parameter name, "path", "fragment", "body". */
function findIn(h: Haystack, needle: string): Hit | null {
  if (!needle || !h.all.includes(needle)) return null;
  for (const [k, v] of h.params) if (v.includes(needle) || k.includes(needle)) return { param: k };
  if (h.path.includes(needle)) return { param: 'path' };
  if (h.fragment.includes(needle)) return { param: 'fragment' };
  if (h.body.includes(needle)) return { param: 'body' };
  return { param: 'url' };
}

// ---------------------------------------------------------------------------------------------
// Contradiction rules. "Contradicted" means an observed fact is incompatible with one specific
// sentence of the policy (research/legal-152fz.md §7). Each rule is pure, returns at most one
// contradiction per tracker (the first piece of evidence), and names the fact and the sentence.
// An identifier reaching a tracker is deliberately NOT a rule: whether cookie ids are personal
// data is unsettled, and «поступает» speaks of what the clinic receives (research §7).

/** Session recording endpoints: Metrica's /webvisor/ path and the dedicated Webvisor hosts. */
function isRecordingRequest(h: Haystack): boolean {
  if (!h.host) return false;
  return /(^|\.)webvisor\.(org|com)$/.test(h.host) || /^\/webvisor\//.test(h.path);
}

/**
 * (a) Session recording (Webvisor) was observed: the recorder uploads one visit's clicks,
 * scrolling and input, which is per-visit data, against «Данная информация поступает в
 * обобщенном виде и не является персональной». Needs an observed recording request, not only
 * the _ym_visorc cookie.
 */
export function ruleSessionRecording(tracker: Pick<ReportTracker, 'hosts'>, ev: DisclosureEvidence): Contradiction | null {
  const h = trackerHaystacks(tracker, ev).find(isRecordingRequest);
  if (!h) return null;
  return {
    rule: 'session-recording',
    clause: 'cookies.aggregate-non-personal',
    quote: quoteFor('cookies.aggregate-non-personal'),
    evidence: { url: truncateUrl(h.req.url), param: 'path', detail: 'session recording' },
  };
}

/** Categories of "advertising or analytics networks" for rule (b). */
const AD_ANALYTICS_CATEGORIES = new Set(['analytics', 'advertising', 'session-replay', 'marketing', 'social', 'call-tracking']);

/** Query parameters that carry the page URL, referrer or title (Metrica page-url/page-ref, GA dl/dr/dt, pixels u/url/ref). */
const PAGE_PARAMS = new Set([
  'page-url',
  'page-ref',
  'u',
  'dl',
  'dr',
  'dt',
  'url',
  'href',
  'ref',
  'referrer',
  'referer',
  'r',
  'title',
  'page',
  'location',
  'loc',
  'l',
]);

/**
 * (b) The URL or title of a medical service page (detectHealthContext) reaches an advertising or
 * analytics network: in a page-url/u/dl/url/... parameter, the Referer, or the request URL or body
 * itself. Against «Администрация Сайта не осуществляет обработку биометрических и специальных
 * категорий персональных данных пользователей» (health data is a special category, 152-FZ art. 10),
 * hedged in the text: only if the visitor's health can be inferred from it.
 */
export function ruleHealthContext(tracker: Pick<ReportTracker, 'hosts' | 'category'>, ev: DisclosureEvidence): Contradiction | null {
  if (!AD_ANALYTICS_CATEGORIES.has(tracker.category)) return null;
  const hs = trackerHaystacks(tracker, ev);
  if (hs.length === 0) return null;
  const mk = (r: ObservedRequest, param: string, terms: string[]): Contradiction => ({
    rule: 'health-context',
    clause: 'special-categories.none',
    quote: quoteFor('special-categories.none'),
    evidence: { url: truncateUrl(r.url), param, detail: terms.join(', ') },
  });
  let pagePath = '';
  try {
    pagePath = safeDecode(new URL(ev.pageUrl).pathname);
  } catch {
    pagePath = '';
  }
  const pathHealth = pagePath.length > 3 ? detectHealthContext(pagePath) : { matched: false, terms: [] };
  const title = ev.pageTitle.trim();
  const titleHealth = title.length >= 8 ? detectHealthContext(title) : { matched: false, terms: [] };
  for (const h of hs) {
    const r = h.req;
    if (r.referer) {
      const found = detectHealthContext(r.referer);
      if (found.matched) return mk(r, 'Referer', found.terms);
    }
    for (const [k, v] of h.params) {
      if (!PAGE_PARAMS.has(k.toLowerCase())) continue;
      const found = detectHealthContext(v);
      if (found.matched) return mk(r, k, found.terms);
    }
    if (pathHealth.matched) {
      const hit = findIn(h, pagePath);
      if (hit) return mk(r, hit.param, pathHealth.terms);
    }
    if (titleHealth.matched) {
      const hit = findIn(h, title);
      if (hit) return mk(r, hit.param, titleHealth.terms);
    }
  }
  return null;
}

const EMAIL_LOCAL = /[A-Za-z0-9._%+-]/;
const EMAIL_DOMAIN = /[A-Za-z0-9.-]/;

/**
 * E-mail addresses in a text, found from each "@" outwards (linear time: a regex over long
 * bodies without "@" would backtrack quadratically). Bounded to 20 addresses.
 */
export function findEmails(text: string): string[] {
  const out: string[] = [];
  for (let at = text.indexOf('@'); at >= 0 && out.length < 20; at = text.indexOf('@', at + 1)) {
    let a = at;
    while (a > 0 && at - a < 64 && EMAIL_LOCAL.test(text[a - 1])) a--;
    let b = at + 1;
    while (b < text.length && b - at < 255 && EMAIL_DOMAIN.test(text[b])) b++;
    const candidate = text.slice(a, b).replace(/\.+$/, '');
    if (/^[A-Za-z0-9._%+-]+@(?:[A-Za-z0-9-]+\.)+[A-Za-z]{2,}$/.test(candidate)) out.push(candidate);
  }
  return out;
}

/**
 * (c) Personal data reaches a third party's servers: a value the user typed into a personal-data
 * field (Webvisor form recording, chat, pixels reading forms), or an e-mail address that is not
 * the site's own, appears in a request to the tracker. Against «Персональные данные пользователей
 * хранятся на собственных серверах Компании». Phone-number patterns alone are not used: call
 * trackers legitimately carry the clinic's own numbers.
 */
export function rulePersonalDataToThirdParty(tracker: Pick<ReportTracker, 'hosts'>, ev: DisclosureEvidence): Contradiction | null {
  const hs = trackerHaystacks(tracker, ev);
  if (hs.length === 0) return null;
  const mk = (r: ObservedRequest, param: string, detail: string): Contradiction => ({
    rule: 'personal-data-third-party',
    clause: 'storage.own-servers',
    quote: quoteFor('storage.own-servers'),
    evidence: { url: truncateUrl(r.url), param, detail },
  });
  const typed = (ev.typedValues ?? []).map((t) => ({ field: t.field, value: t.value.trim() })).filter((t) => t.value.length >= 4);
  for (const h of hs) {
    for (const t of typed) {
      const hit = findIn(h, t.value);
      // The typed value itself is not copied into the report: the field name is enough evidence.
      if (hit) return mk(h.req, hit.param, `field ${t.field}`);
    }
    for (const email of findEmails(h.all)) {
      const domain = email.split('@')[1].toLowerCase();
      if (isSiteHost(domain, ev.siteDomains)) continue;
      return mk(h.req, findIn(h, email)?.param ?? 'url', 'e-mail address');
    }
  }
  return null;
}

export const contradictionRules = [ruleSessionRecording, ruleHealthContext, rulePersonalDataToThirdParty] as const;

// ---------------------------------------------------------------------------------------------
// Page annotation

function hostOf(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return url;
  }
}

/**
 * The explanation of one contradiction: the observed fact (host, parameter, detail), then the
 * policy sentence quoted exactly (the clause's verbatim quote). Never a verdict.
 */
export function contradictionText(c: Contradiction): Bilingual {
  const host = hostOf(c.evidence.url);
  const where = c.evidence.param ? ` (${c.evidence.param})` : '';
  const q = c.quote;
  switch (c.rule) {
    case 'session-recording':
      return {
        ru: `Возможное противоречие: наблюдалась запись сеанса (Вебвизор): запросы к ${host} передают действия посетителя на странице в пределах одного визита. Политика утверждает: «${q}»`,
        en: `Possible contradiction: session recording (Webvisor) was observed: requests to ${host} carry the visitor's actions on the page within one visit. The policy says (our translation): "This information arrives in aggregated form and is not personal."`,
      };
    case 'health-context':
      return {
        ru: `Возможное противоречие: адрес или заголовок страницы о медицинской услуге (${c.evidence.detail ?? ''}) передан на ${host}${where}. Если по нему можно судить о здоровье посетителя, это расходится с утверждением политики: «${q}»`,
        en: `Possible contradiction: the address or title of a medical service page (${c.evidence.detail ?? ''}) was sent to ${host}${where}. If the visitor's health can be inferred from it, this is at odds with the policy's statement (our translation): "The Site Administration does not process biometric or special categories of users' personal data."`,
      };
    case 'personal-data-third-party': {
      const what = c.evidence.detail?.startsWith('field ')
        ? {
            ru: `данные, введённые в поле формы ${c.evidence.detail.slice(6)}`,
            en: `data typed into the form field ${c.evidence.detail.slice(6)}`,
          }
        : { ru: 'адрес электронной почты посетителя', en: "a visitor's e-mail address" };
      return {
        ru: `Возможное противоречие: ${what.ru} переданы на сервер сторонней службы ${host}${where}. Политика утверждает: «${q}».`,
        en: `Possible contradiction: ${what.en} was sent to a third-party server, ${host}${where}. The policy says (our translation): "Users' personal data is stored on the Company's own servers".`,
      };
    }
    default:
      return { ru: `Возможное противоречие с положением политики: «${q}»`, en: 'Possible contradiction with a statement of the policy.' };
  }
}

function uniq<T>(xs: T[]): T[] {
  return [...new Set(xs)];
}

function joinText(parts: Bilingual[]): Bilingual {
  return { ru: parts.map((p) => p.ru).join(' '), en: parts.map((p) => p.en).join(' ') };
}

function quotesOf(clauses: string[]): string[] {
  return uniq(clauses).map((c) => quoteFor(c));
}

function isVkPixelHost(h: string): boolean {
  return hostIn(h, 'vk.com') || hostIn(h, 'vk.ru');
}

/** VK Ads: the pixel (vk.com / vk.ru, or a "vk-pixel" feature) is named; the Top.Mail.Ru counter is generic. */
function vkAdsParts(t: ReportTracker): PolicyMapping[] {
  const pixel = t.features.includes('vk-pixel') || t.hosts.some(isVkPixelHost);
  const counter = t.hosts.some((h) => hostIn(h, 'mail.ru')) || t.cookies.some((c) => c.startsWith('tmr_')) || !pixel;
  const parts: PolicyMapping[] = [];
  if (pixel) parts.push(VK_PIXEL);
  if (counter) parts.push(TOP_MAIL_RU);
  return parts;
}

/**
 * Hosts whose traffic the contradiction rules examine. A vendor the policy names stays "named"
 * whatever it receives (what it receives is a finding, not a change of status), so its hosts are
 * left out: all of them for a named vendor, the VK pixel's hosts for VK Ads.
 */
export function hostsOpenToContradiction(t: ReportTracker): string[] {
  if (t.vendor === 'vk-ads') return t.hosts.filter((h) => !isVkPixelHost(h));
  return mappingFor(t.vendor, t.category).disclosure === 'named' ? [] : t.hosts;
}

/** The policy mapping of one tracker as observed on this page (features decide, e.g. Webvisor). */
export function trackerMapping(t: ReportTracker): PolicyMapping {
  let parts: PolicyMapping[];
  if (t.vendor === 'vk-ads') parts = vkAdsParts(t);
  else {
    parts = [mappingFor(t.vendor, t.category)];
    const entry = vendorPolicyMap[t.vendor];
    for (const f of t.features) {
      const fm = entry?.features?.[f];
      if (fm) parts.push(fm);
    }
  }
  const disclosure = worstDisclosure(parts.map((p) => p.disclosure)) as PolicyMapping['disclosure'];
  return {
    purposes: uniq(parts.flatMap((p) => p.purposes)),
    clauses: uniq(parts.flatMap((p) => p.clauses)),
    disclosure,
    explanation: joinText(parts.map((p) => p.explanation)),
  };
}

/** Fills purposes, disclosure, quotes, explanation and contradictions on one tracker. */
export function annotateTracker(t: ReportTracker, ev: DisclosureEvidence): ReportTracker {
  const m = trackerMapping(t);
  const open = { ...t, hosts: hostsOpenToContradiction(t) };
  const contradictions =
    open.hosts.length === 0 ? [] : contradictionRules.map((rule) => rule(open, ev)).filter((c): c is Contradiction => c !== null);
  const quotes = uniq([...quotesOf(m.clauses), ...contradictions.map((c) => c.quote)]);
  const explanation = joinText([m.explanation, ...contradictions.map(contradictionText)]);
  return {
    ...t,
    purposes: m.purposes,
    disclosure: contradictions.length > 0 ? 'contradicted' : m.disclosure,
    quotes,
    explanation,
    ...(contradictions.length > 0 ? { contradictions } : {}),
  };
}

/** Session cookie names of common server frameworks: strictly necessary, not identifiers for tracking. */
const SESSION_COOKIE_RE =
  /^(PHPSESSID|JSESSIONID|ASP\.NET_SessionId|sessionid|session|csrftoken|XSRF-TOKEN|BITRIX_SM_SALE_UID|BX_SESSID)$/i;

/**
 * Cookies. Attributed ones follow their vendor (and feature: _ym_visorc -> Webvisor). Decision for
 * unattributed cookies (issue #3, "decide and document"):
 * - first-party session or framework-session cookies (PHPSESSID ...): purposes.functionality,
 *   generic (the policy's "возможны сбои в работе некоторых страниц" covers necessary cookies);
 * - other first-party cookies: generic under cookies.technologies, because the policy says the
 *   site sets cookies to "фиксировать все посещения", whether or not the value is identifier-like
 *   (an identifier-like value also feeds rule (a) when it reaches a third party);
 * - unattributed third-party cookies: undisclosed (an unidentified third party).
 */
export function annotateCookie(c: ReportCookie, ev: DisclosureEvidence): ReportCookie {
  if (c.vendor) {
    const m = mappingFor(c.vendor, undefined, c.feature);
    let d: Disclosure = m.disclosure;
    // vk-ads cookies (tmr_*) belong to the Top.Mail.Ru counter, which is generic.
    if (c.vendor === 'vk-ads') d = TOP_MAIL_RU.disclosure;
    return { ...c, purposes: c.vendor === 'vk-ads' ? TOP_MAIL_RU.purposes : m.purposes, disclosure: d };
  }
  if (!c.firstParty) return { ...c, purposes: [], disclosure: 'undisclosed' };
  const obs = ev.cookies.find((o) => o.name === c.name && o.domain.replace(/^\./, '') === c.domain.replace(/^\./, ''));
  const sessionLike = SESSION_COOKIE_RE.test(c.name) || (c.session && !(obs && isIdentifierLikeValue(obs.value)));
  if (sessionLike) return { ...c, purposes: ['purposes.functionality'], disclosure: 'generic' };
  return { ...c, purposes: ['cookies.technologies'], disclosure: 'generic' };
}

/** Storage keys follow their vendor/feature; unattributed keys are the site's own "other technologies" (generic). */
export function annotateStorage(s: ReportStorage): ReportStorage {
  if (s.vendor) {
    const m = s.vendor === 'vk-ads' ? TOP_MAIL_RU : mappingFor(s.vendor, undefined, s.feature);
    return { ...s, purposes: m.purposes, disclosure: m.disclosure };
  }
  return { ...s, purposes: ['purposes.functionality'], disclosure: 'generic' };
}

/** Third parties: the vendor's disclosure on this page (tracker's, incl. contradictions), else undisclosed. */
export function annotateThirdParty(tp: ReportThirdParty, trackerDisclosure: Map<string, Disclosure | undefined>): ReportThirdParty {
  if (!tp.vendor) return { ...tp, disclosure: 'undisclosed' };
  return { ...tp, disclosure: trackerDisclosure.get(tp.vendor) ?? mappingFor(tp.vendor).disclosure };
}

/**
 * Annotates a report page with the policy mapping, computed from what was observed on it:
 * Metrica without Webvisor traffic is generic; with the "webvisor" feature it is undisclosed; any
 * fired contradiction rule makes a tracker "contradicted" with the evidence attached.
 */
export function annotatePage(page: ReportPage, evidence: DisclosureEvidence): ReportPage {
  const trackers = page.trackers.map((t) => annotateTracker(t, evidence));
  const byVendor = new Map<string, Disclosure | undefined>();
  for (const t of trackers) byVendor.set(t.vendor, worstDisclosure([byVendor.get(t.vendor), t.disclosure]));
  return {
    ...page,
    trackers,
    cookies: page.cookies.map((c) => annotateCookie(c, evidence)),
    storage: page.storage.map((s) => annotateStorage(s)),
    thirdParties: page.thirdParties.map((tp) => annotateThirdParty(tp, byVendor)),
  };
}

// ---------------------------------------------------------------------------------------------
// Purpose summary for the "Политика" view

export interface ObservedUnderPurpose {
  vendor: string;
  name: string;
  disclosure: Disclosure | undefined;
  /** Page URLs where it was seen. */
  pages: string[];
}

export interface PurposeSummary {
  purposes: { purpose: Purpose; quote: string; trackers: ObservedUnderPurpose[]; cookies: string[]; storage: string[] }[];
  /** Stated purposes that nothing observed uses. */
  unused: { purpose: Purpose; quote: string }[];
  /** Observed trackers that serve none of the stated purposes. */
  unmapped: ObservedUnderPurpose[];
}

/** The stated purposes with what was observed under each, and those nothing observed uses. */
export function policyPurposeSummary(pages: ReportPage[]): PurposeSummary {
  const trackersByPurpose = new Map<string, Map<string, ObservedUnderPurpose>>();
  const cookiesByPurpose = new Map<string, Set<string>>();
  const storageByPurpose = new Map<string, Set<string>>();
  const unmapped = new Map<string, ObservedUnderPurpose>();
  const add = (m: Map<string, ObservedUnderPurpose>, t: ReportTracker, url: string) => {
    const cur = m.get(t.vendor);
    if (cur) {
      cur.disclosure = worstDisclosure([cur.disclosure, t.disclosure]);
      if (!cur.pages.includes(url)) cur.pages.push(url);
    } else m.set(t.vendor, { vendor: t.vendor, name: t.name, disclosure: t.disclosure, pages: [url] });
  };
  for (const page of pages) {
    for (const t of page.trackers) {
      if (t.purposes.length === 0) add(unmapped, t, page.url);
      for (const p of t.purposes) {
        if (!trackersByPurpose.has(p)) trackersByPurpose.set(p, new Map());
        add(trackersByPurpose.get(p)!, t, page.url);
      }
    }
    for (const c of page.cookies)
      for (const p of c.purposes) (cookiesByPurpose.get(p) ?? cookiesByPurpose.set(p, new Set()).get(p)!).add(c.name);
    for (const s of page.storage)
      for (const p of s.purposes) (storageByPurpose.get(p) ?? storageByPurpose.set(p, new Set()).get(p)!).add(s.key);
  }
  const sortObs = (xs: ObservedUnderPurpose[]) =>
    xs.sort((a, b) => disclosureRank(b.disclosure) - disclosureRank(a.disclosure) || a.name.localeCompare(b.name));
  const purposes: PurposeSummary['purposes'] = [];
  const unused: PurposeSummary['unused'] = [];
  for (const purpose of policyModel.purposes) {
    const trackers = sortObs([...(trackersByPurpose.get(purpose.id)?.values() ?? [])]);
    const cookies = [...(cookiesByPurpose.get(purpose.id) ?? [])].sort();
    const storage = [...(storageByPurpose.get(purpose.id) ?? [])].sort();
    const quote = quoteFor(purpose.clauses[0]);
    if (trackers.length + cookies.length + storage.length === 0) unused.push({ purpose, quote });
    else purposes.push({ purpose, quote, trackers, cookies, storage });
  }
  return { purposes, unused, unmapped: sortObs([...unmapped.values()]) };
}
