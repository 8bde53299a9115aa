import type { Catalogue, CatalogueInput, Source } from './schema';

/**
 * The curated vendor catalogue (issue #2 "Tracker knowledge").
 *
 * Every fact comes from /work/shared/research/trackers-ru.json (copied facts, not the file) and
 * carries its source, mapped from that file's source keys:
 *   VDOC -> vendor-docs, MT -> vendor-code (yandex/metrica-tag, Apache-2.0), OCD -> ocd,
 *   EP -> easyprivacy, RUADL -> ruadlist, SEC/BL/BLK -> secondary, OBS -> observed.
 * Facts known only from Ghostery TrackerDB, DuckDuckGo Tracker Radar or Disconnect (CC BY-NC-SA,
 * see the file's "licensing") are left out unless another source confirms them. Where a cookie
 * name was attributed by Tracker Radar only, it is kept only when it was also seen in public
 * cookie dumps / snippets (kind "observed", weak evidence, flagged as such in the ref).
 *
 * Left out for lack of a shippable source (see the report in the PR): mc.webvisor.com, mc.yandex.md,
 * webvisor.org, adfox.yandex.ru, yastatic.net/pcode/adfox/, awaps.yandex.ru, top.mail.ru,
 * privacy-cs.mail.ru, vk.ru, imgsmail.ru, www.google.com/pagead/, code.jivosite.com, code.jivo.ru,
 * callibri.ru hosts, cdn.callbackkiller.com, widgets.mango-office.ru, cdn.carrotquest.io.
 */

const TR = 'trackers-ru.json';
const ocd = (id: string, name: string): Source => ({ kind: 'ocd', ref: `OCD row ${id} (${name})` });
const ep = (rule: string): Source => ({ kind: 'easyprivacy', ref: `EasyPrivacy ${rule} (via ${TR})` });
const ruadl = (rule: string): Source => ({ kind: 'ruadlist', ref: `RU AdList cntblock ${rule} (via ${TR})` });
const mt = (where: string): Source => ({ kind: 'vendor-code', ref: `yandex/metrica-tag f5c44d1c ${where}` });
const vdoc = (url: string): Source => ({ kind: 'vendor-docs', ref: url });
const obs = (what = 'replica emulation / public site code'): Source => ({ kind: 'observed', ref: what });
/**
 * A vendor's own registrable domain: requests to it go to that vendor. The fact is the
 * domain's ownership, shown by the vendor's own website (no third-party list needed).
 */
const own = (site: string): Source => ({ kind: 'vendor-docs', ref: `https://${site}/ (the vendor's own website and domain)` });
/** BL in trackers-ru.json: AdGuard filters (GPL-3.0, facts) and celenityy/BadBlock yandex.txt. */
const bl = (): Source => ({ kind: 'secondary', ref: `blocklists AdGuard filters / BadBlock yandex.txt (BL in ${TR})` });
/** BLK in trackers-ru.json: Blacklight collector SESSION_RECORDERS_LIST (GPLv3, facts only). */
const blk = (what: string): Source => ({
  kind: 'secondary',
  ref: `the-markup/blacklight-collector @fe046f91 src/helpers/statics.ts: ${what}`,
});
/** Cookie names seen in captured Cookie headers committed to public GitHub scripts (code search). */
const dump = (note: string): Source => obs(`public cookie dumps on GitHub (captured Cookie headers of Russian sites): ${note}`);

/**
 * Sources of "who receives the data, and where" (issue 13): the organisation operating the
 * service and its country. The legal entity and country of Yandex, VK, Google and Meta are from
 * the project's legal research (section 7), which names them from the vendors' own terms; the
 * terms page is cited next to it. Smaller Russian services: the legal entity where public sites'
 * policies name it as a processor (weak, kind "secondary"), else the brand. The country is left
 * unknown (null) where only the site's language and .ru domain point to Russia: that is recorded
 * as a source, but it does not establish where the data goes.
 */
const research = (what: string): Source => ({ kind: 'secondary', ref: `project research legal-152fz.md section 7: ${what}` });
const yandexLegal = (url: string): Source[] => [
  vdoc(`${url} (service terms of ООО «ЯНДЕКС», Moscow, Russia)`),
  research('Yandex is ООО «Яндекс», Russian'),
];
const vkLegal = (url: string): Source[] => [vdoc(url), research('VK is ООО «ВК», Russian (check per product)')];
const googleLegal = (): Source[] => [
  vdoc('https://policies.google.com/terms (Google Terms of Service: Google LLC, Mountain View, California, USA)'),
  research('Google (Google LLC) is a US company'),
];
const metaLegal = (): Source[] => [
  vdoc('https://www.facebook.com/legal/terms/businesstools (Meta Business Tools Terms: Meta Platforms, Inc., Menlo Park, USA)'),
  research('Meta (Meta Platforms, Inc.) is a US company'),
];
const bitrixDoc = (): Source =>
  vdoc(
    'https://dev.1c-bitrix.ru/api_help/main/reference/cmain/set_cookie.php (CMain::set_cookie: name prefixed with the main module option cookie_name, default BITRIX_SM)',
  );
const ruService = (site: string): Source =>
  obs(`https://${site}/: Russian-language service on a .ru domain with terms under Russian law (legal entity not recorded)`);
const processorNamed = (what: string): Source => ({
  kind: 'secondary',
  ref: `privacy policies and consent texts of Russian sites naming ${what} as a processor (public code on GitHub)`,
});

const raw: CatalogueInput = [
  {
    id: 'yandex-metrica',
    name: 'Яндекс Метрика / Yandex Metrica',
    organization: 'ООО «Яндекс»',
    country: 'RU',
    recipientSources: yandexLegal('https://yandex.ru/legal/metrica_termsofuse/'),
    category: 'analytics',
    description: {
      ru: 'Веб-аналитика Яндекса: присваивает браузеру идентификатор (ClientID), записывает посещённые страницы, источник перехода и устройство; функция Вебвизор записывает действия на странице (сеанс).',
      en: "Yandex's web analytics: gives the browser an identifier (ClientID) and records pages visited, referrer and device; its Webvisor feature records what you do on the page (session replay).",
    },
    hosts: [
      { host: 'mc.yandex.ru', sources: [ep('||mc.yandex.ru^')] },
      { host: 'mc.yandex.ru', paths: ['/webvisor/'], feature: 'webvisor', sources: [blk('mc.yandex.ru/webvisor/')] },
      { host: 'mc.yandex.com', sources: [ep('||mc.yandex.com^')] },
      { host: 'mc.webvisor.org', feature: 'webvisor', sources: [ep('||mc.webvisor.org^')] },
      { host: 'yastatic.net', paths: ['/s3/metrika'], sources: [mt('src/providers/remoteControl/remoteControl.ts')] },
    ],
    cookies: [
      {
        match: 'exact',
        pattern: '_ym_uid',
        party: 'first',
        lifetime: '1 year',
        identifier: true,
        sources: [
          mt('src/utils/uid/uid.ts:37'),
          mt('src/storage/cookie/cookie.ts:140'),
          ocd('f6789a3c-133f-4e58-a14d-a0ffc78f8223', '_ym_uid'),
        ],
      },
      {
        match: 'exact',
        pattern: '_ym_d',
        party: 'first',
        lifetime: '1 year',
        sources: [mt('src/utils/uid/uid.ts:72'), ocd('747de6c1-a8b2-45c7-a1e6-dec68264258b', '_ym_d')],
      },
      {
        match: 'exact',
        pattern: '_ym_isad',
        party: 'first',
        lifetime: '2 days',
        sources: [ocd('047bb241-fec5-4e1d-96be-0153e3ac2b75', '_ym_isad')],
      },
      // _ym_visorc and the older _ym_visorc_<counterId>: the narrow Webvisor signal (trackers-ru notes).
      {
        match: 'prefix',
        pattern: '_ym_visorc',
        feature: 'webvisor',
        party: 'first',
        lifetime: '30 minutes',
        sources: [ocd('ce132fcb-bc2f-4b3c-9975-45c9dedc6dea', '_ym_visorc_'), obs('_ym_visorc on the site domain, public cookie dumps')],
      },
      {
        match: 'exact',
        pattern: '_ym_metrika_enabled',
        party: 'first',
        lifetime: '60 minutes',
        sources: [mt('src/storage/cookie/const.ts:1'), ocd('24115613-3372-46da-8567-b26395c48bed', '_ym_metrika_enabled')],
      },
      {
        match: 'exact',
        pattern: '_ym_debug',
        party: 'first',
        lifetime: 'session',
        sources: [mt('src/providers/debugConsole/const.ts:1'), ocd('9b92e7b6-4361-46df-8f87-6bc9ccf68383', '_ym_debug')],
      },
      {
        match: 'exact',
        pattern: '_ym_hostIndex',
        party: 'first',
        lifetime: '1 day',
        sources: [ocd('aea62772-f317-47d8-8d29-59bc565475b7', '_ym_hostIndex')],
      },
      { match: 'exact', pattern: '_ym_wasSynced', party: 'first', sources: [obs('older Metrica tags, public site code')] },
      { match: 'exact', pattern: '_ym_mp2_track', party: 'first', sources: [obs('third-party cookie policy page')] },
      { match: 'exact', pattern: '_ym_mp2_substs', party: 'first', sources: [obs('third-party cookie policy page')] },
      // Every Metrica cookie carries the '_ym_' prefix (metrica-tag cookie.ts:140); catch-all after the exact names.
      { match: 'prefix', pattern: '_ym_', party: 'first', sources: [mt('src/storage/cookie/cookie.ts:140')] },
      // Third-party cookies on .yandex.ru that OCD files under Yandex.Metrica.
      {
        match: 'exact',
        pattern: 'yandexuid',
        domain: 'yandex.ru',
        party: 'third',
        lifetime: '1 year',
        identifier: true,
        sources: [ocd('d5edd05d-428a-4632-9aab-62c8deba5f92', 'yandexuid')],
      },
      {
        match: 'exact',
        pattern: 'yuidss',
        domain: 'yandex.ru',
        party: 'third',
        lifetime: '1 year',
        identifier: true,
        sources: [ocd('69affc45-efbf-4d49-9223-a6b288aa3e1e', 'yuidss')],
      },
      {
        match: 'exact',
        pattern: 'ymex',
        domain: 'yandex.ru',
        party: 'third',
        lifetime: '1 year',
        sources: [ocd('4762ab7b-95d4-48a6-989e-180cd492d8f1', 'ymex')],
      },
      {
        match: 'exact',
        pattern: 'usst',
        domain: 'yandex.ru',
        party: 'third',
        lifetime: '1 year',
        sources: [ocd('256b31b8-990b-4b1f-9001-88a1a7b6d290', 'usst')],
      },
      {
        match: 'exact',
        pattern: 'is_gdpr',
        domain: 'yandex.ru',
        party: 'third',
        lifetime: '1 year',
        sources: [ocd('01ceb4c7-9e06-4e29-91d9-eadf65d647d0', 'is_gdpr')],
      },
      {
        match: 'exact',
        pattern: 'is_gdpr_b',
        domain: 'yandex.ru',
        party: 'third',
        lifetime: '1 year',
        sources: [ocd('08f918e5-27fe-4a03-b565-16b4f38a0e49', 'is_gdpr_b')],
      },
    ],
    storage: [
      {
        match: 'exact',
        pattern: '_ym_uid',
        identifier: true,
        sources: [mt('src/utils/uid/uid.ts:37'), mt('src/storage/localStorage/localStorage.ts:5')],
      },
      { match: 'exact', pattern: '_ym_retryReqs', sources: [mt('src/middleware/retransmit/const.ts:27')] },
      {
        match: 'regex',
        pattern: '^_ym\\d+_(lsid|reqNum|lastHit)$',
        sources: [mt('src/middleware/watchSyncFlags/const.ts:6-7'), mt('src/providers/notBounce/const.ts:3')],
      },
      { match: 'exact', pattern: '_ym_hide_phones', sources: [mt('src/providers/phoneHide/phoneHide.ts:15')] },
      { match: 'exact', pattern: '_ym_synced', sources: [obs()] },
      {
        match: 'prefix',
        pattern: '_ym_wv2rf:',
        feature: 'webvisor',
        sources: [obs('Webvisor key _ym_wv2rf:<counterId>:<n>, public site code')],
      },
      { match: 'exact', pattern: '_ym_debugger_state', sources: [obs()] },
      // Default localStorage prefix of the tag (metrica-tag localStorage.ts:5).
      { match: 'prefix', pattern: '_ym', sources: [mt('src/storage/localStorage/localStorage.ts:5')] },
    ],
    sources: [
      vdoc('https://yandex.com/support/metrica/general/how-it-works.xml'),
      mt('README.md'),
      ocd('f6789a3c-133f-4e58-a14d-a0ffc78f8223', 'Yandex.Metrica'),
    ],
  },
  {
    id: 'yandex-direct',
    name: 'Яндекс Директ / РСЯ / Adfox',
    organization: 'ООО «Яндекс»',
    country: 'RU',
    recipientSources: yandexLegal('https://yandex.ru/legal/oferta_direct/'),
    category: 'advertising',
    description: {
      ru: 'Рекламная сеть Яндекса (Директ, РСЯ, Adfox): показывает рекламу и отслеживает её эффективность, узнаёт браузер по cookie на доменах Яндекса для ретаргетинга.',
      en: "Yandex's ad network (Direct, YAN, Adfox): shows ads and measures them, recognising the browser by cookies on Yandex domains for retargeting.",
    },
    hosts: [
      { host: 'an.yandex.ru', sources: [bl()] },
      { host: 'yabs.yandex.ru', sources: [bl()] },
      { host: 'bs.yandex.ru', sources: [bl()] },
      { host: 'ads.yandex.ru', sources: [bl()] },
      {
        host: 'yandex.ru',
        paths: ['/ads/'],
        sources: [vdoc('https://www.yandex.com/support/adfox-sites/codes/code-loader.html (yandex.ru/ads/system/context.js)')],
      },
      { host: 'adfox.ru', sources: [bl()] },
    ],
    cookies: [
      {
        match: 'exact',
        pattern: 'yabs-sid',
        domain: 'yandex.ru',
        party: 'third',
        lifetime: 'session',
        sources: [ocd('98ed4d50-731c-4e94-97fe-76f8671bfbe7', 'yabs-sid')],
      },
      {
        match: 'exact',
        pattern: 'yabs-vdrf',
        domain: 'yandex.ru',
        party: 'third',
        lifetime: '5 days',
        sources: [ocd('1d79b457-b93c-4e65-8bd4-88564b125829', 'yabs-vdrf')],
      },
      {
        match: 'exact',
        pattern: 'bh',
        domain: 'yandex.ru',
        party: 'third',
        lifetime: '1 year',
        sources: [ocd('5b3970a0-d4d8-418b-bac3-feae748122c5', 'bh')],
      },
      {
        match: 'exact',
        pattern: '_yasc',
        domain: 'yandex.ru',
        party: 'third',
        lifetime: '10 years',
        sources: [ocd('219600ab-18fb-4b85-9b5e-a8124fd690e6', '_yasc')],
      },
      {
        match: 'exact',
        pattern: 'yashr',
        domain: 'yandex.ru',
        party: 'third',
        lifetime: '1 year',
        identifier: true,
        sources: [ocd('c9fe74ae-64a4-420b-af25-73b45207529e', 'yashr')],
      },
    ],
    storage: [],
    sources: [
      vdoc('https://www.yandex.com/support/adfox-sites/codes/code-loader.html'),
      ocd('1d79b457-b93c-4e65-8bd4-88564b125829', 'ad cookies on .yandex.ru'),
    ],
  },
  {
    id: 'vk-ads',
    name: 'Top.Mail.Ru / пиксель VK Рекламы',
    organization: 'ООО «ВК»',
    country: 'RU',
    recipientSources: vkLegal('https://ads.vk.com/documents (VK Реклама, Top.Mail.Ru)'),
    category: 'advertising',
    description: {
      ru: 'Счётчик Top.Mail.Ru и пиксель VK Рекламы: считают посещения и собирают аудитории для показа рекламы ВКонтакте и в сети VK (ретаргетинг).',
      en: 'The Top.Mail.Ru counter and the VK Ads pixel: count visits and build audiences for ads on VK and its ad network (retargeting).',
    },
    hosts: [
      { host: 'top.mail.ru', sources: [own('top.mail.ru')] },
      { host: 'vk.ru', sources: [own('vk.ru')] },
      { host: 'top-fwz1.mail.ru', sources: [ep('||top-fwz1.mail.ru^'), obs('top-fwz1.mail.ru/js/code.js, public site code')] },
      { host: 'vk.com', paths: ['/rtrg'], sources: [ep('||vk.com/rtrg?'), obs('vk.com/rtrg?p=VK-RTRG-…, public site code')] },
      {
        host: 'vk.com',
        paths: ['/js/api/openapi.js'],
        sources: [obs('VK.Retargeting.Init("VK-RTRG-…") with vk.com/js/api/openapi.js, public snippets')],
      },
    ],
    cookies: [
      {
        match: 'exact',
        pattern: 'tmr_lvid',
        party: 'first',
        identifier: true,
        sources: [obs('tmr_lvid, public cookie dumps'), dump('tmr_lvid with a 32-hex value')],
      },
      { match: 'exact', pattern: 'tmr_lvidTS', party: 'first', sources: [obs('tmr_lvidTS, public cookie dumps')] },
      { match: 'exact', pattern: 'tmr_detect', party: 'first', sources: [obs('tmr_detect, public cookie dumps')] },
      { match: 'exact', pattern: 'tmr_reqNum', party: 'first', sources: [obs('tmr_reqNum, public cookie dumps')] },
      { match: 'prefix', pattern: 'tmr_', party: 'first', sources: [obs('tmr_* cookies of the Top.Mail.Ru code.js, public cookie dumps')] },
      { match: 'exact', pattern: 'domain_sid', party: 'first', sources: [dump('domain_sid next to tmr_lvid / tmr_lvidTS')] },
      // VID on .mail.ru: set by the Top.Mail.Ru counter's answers (top-fwz1.mail.ru) on VK's own domain. mail.ru is shared by
      // VK's products (vk-ads, mytarget), so the domain alone does not pick one; the counter sets it on every page.
      {
        match: 'exact',
        pattern: 'VID',
        domain: 'mail.ru',
        party: 'third',
        identifier: true,
        sources: [own('mail.ru'), dump('VID on .mail.ru next to top-fwz1.mail.ru counter requests')],
      },
    ],
    storage: [
      { match: 'exact', pattern: 'tmr_lvid', identifier: true, sources: [obs('localStorage tmr_lvid, public site code')] },
      { match: 'exact', pattern: 'tmr_lvidTS', sources: [obs('localStorage tmr_lvidTS, public site code')] },
      { match: 'exact', pattern: 'tmr_reqNum', sources: [obs('localStorage tmr_reqNum, public site code')] },
    ],
    sources: [vdoc('https://target.my.com/help/advertisers/sourcetopmailru/ru'), ep('||top-fwz1.mail.ru^')],
  },
  {
    id: 'mytarget',
    name: 'myTarget / VK Реклама (рекламная сеть)',
    organization: 'ООО «ВК»',
    country: 'RU',
    recipientSources: vkLegal('https://ads.vk.com/documents (VK Реклама / myTarget)'),
    category: 'advertising',
    description: {
      ru: 'Рекламная сеть myTarget / VK Реклама: загружает баннеры и синхронизирует идентификаторы браузера с другими рекламными системами.',
      en: 'The myTarget / VK Ads network: loads banners and syncs browser identifiers with other ad systems.',
    },
    hosts: [
      { host: 'ad.mail.ru', sources: [ep('||ad.mail.ru… rules'), obs('ad.mail.ru/static/ads-async.js, public site code')] },
      { host: 'rs.mail.ru', sources: [obs('rs.mail.ru/pixel/, public site code'), bl()] },
      { host: 'r.mradx.net', sources: [obs('r.mradx.net creative CDN, public site code'), bl()] },
      { host: 'mytarget.com', sources: [obs('mytarget.com, public site code'), bl()] },
      { host: 'tracker.my.com', sources: [obs('tracker.my.com, public site code'), bl()] },
      { host: 'ads.vk.com', sources: [obs('ads.vk.com, public site code'), bl()] },
    ],
    cookies: [],
    storage: [],
    sources: [vdoc('https://target.my.com/help/advertisers/sourcetopmailru/ru'), ep('||ad.mail.ru… rules')],
  },
  {
    id: 'google-analytics',
    name: 'Google Analytics',
    organization: 'Google LLC',
    country: 'US',
    recipientSources: googleLegal(),
    category: 'analytics',
    description: {
      ru: 'Веб-аналитика Google: присваивает браузеру идентификатор (cookie _ga) и передаёт в Google сведения о посещённых страницах, устройстве и источнике перехода.',
      en: "Google's web analytics: gives the browser an identifier (the _ga cookie) and sends Google the pages visited, device and referrer.",
    },
    hosts: [
      {
        host: 'google-analytics.com',
        sources: [
          ocd('0dff2311-5b7b-4b10-883e-934ecad895cb', 'GA_OPT_OUT on google-analytics.com'),
          ocd('256c2d74-d881-11e9-8a34-2a2ae2dbcce4', '__utmv'),
        ],
      },
      { host: 'stats.g.doubleclick.net', sources: [blk('GA detection, stats.g.doubleclick')] },
    ],
    cookies: [
      {
        match: 'exact',
        pattern: '_ga',
        party: 'first',
        lifetime: '2 years',
        identifier: true,
        sources: [vdoc('https://support.google.com/analytics/answer/11397207'), ocd('256c18e8-d881-11e9-8a34-2a2ae2dbcce4', '_ga')],
      },
      {
        match: 'prefix',
        pattern: '_ga_',
        party: 'first',
        lifetime: '2 years',
        sources: [vdoc('https://support.google.com/analytics/answer/11397207'), ocd('d7496a0e-7f4b-4e20-b288-9d5e4852fa79', '_ga_')],
      },
      {
        match: 'exact',
        pattern: '_gid',
        party: 'first',
        lifetime: '24 hours',
        identifier: true,
        sources: [
          vdoc('https://cloud.google.com/analytics/resources/concepts/gaConceptsCookies'),
          ocd('256c1ae6-d881-11e9-8a34-2a2ae2dbcce4', '_gid'),
        ],
      },
      {
        match: 'prefix',
        pattern: '_gat',
        party: 'first',
        lifetime: '1 minute',
        sources: [
          vdoc('https://cloud.google.com/analytics/resources/concepts/gaConceptsCookies'),
          ocd('256c1c3a-d881-11e9-8a34-2a2ae2dbcce4', '_gat'),
        ],
      },
      {
        match: 'prefix',
        pattern: '_dc_gtm_',
        party: 'first',
        lifetime: '1 minute',
        sources: [
          vdoc('https://cloud.google.com/analytics/resources/concepts/gaConceptsCookies'),
          ocd('256c1d7a-d881-11e9-8a34-2a2ae2dbcce4', '_dc_gtm_'),
        ],
      },
      {
        match: 'prefix',
        pattern: '_gac_',
        party: 'first',
        lifetime: '90 days',
        sources: [
          vdoc('https://cloud.google.com/analytics/resources/concepts/gaConceptsCookies'),
          ocd('256c2090-d881-11e9-8a34-2a2ae2dbcce4', '_gac_'),
        ],
      },
    ],
    storage: [],
    sources: [vdoc('https://support.google.com/analytics/answer/11397207')],
  },
  {
    id: 'google-ads',
    name: 'Google Ads / DoubleClick',
    organization: 'Google LLC',
    country: 'US',
    recipientSources: googleLegal(),
    category: 'advertising',
    description: {
      ru: 'Реклама Google (Google Ads, DoubleClick): отслеживает переходы по рекламе и конверсии и узнаёт браузер для ретаргетинга.',
      en: "Google's advertising (Google Ads, DoubleClick): tracks ad clicks and conversions and recognises the browser for retargeting.",
    },
    hosts: [
      {
        host: 'googleadservices.com',
        sources: [
          ocd('c86ce0bd-8cdc-42ac-b5cf-63be0d1e27f0', 'Google Ads Conversion on www.googleadservices.com'),
          obs('www.googleadservices.com/pagead/conversion.js in public Google Ads snippets (pastebin.com/eHx0UCqk)'),
        ],
      },
      { host: 'doubleclick.net', sources: [ocd('256c8986-d881-11e9-8a34-2a2ae2dbcce4', 'IDE on doubleclick.net')] },
    ],
    cookies: [
      {
        match: 'exact',
        pattern: '_gcl_au',
        party: 'first',
        lifetime: '3 months',
        sources: [ocd('f0c95579-9131-4caf-8240-51eb01be6eb9', '_gcl_au')],
      },
      {
        match: 'exact',
        pattern: '_gcl_aw',
        party: 'first',
        lifetime: '90 days',
        sources: [ocd('f54e4e1a-9520-4c58-8499-0119302caf49', '_gcl_aw')],
      },
      {
        match: 'exact',
        pattern: '_gcl_dc',
        party: 'first',
        lifetime: '3 months',
        sources: [ocd('63855ee1-89f5-471c-bb7e-512f0b06f65a', '_gcl_dc')],
      },
      {
        match: 'exact',
        pattern: '_gcl_gb',
        party: 'first',
        lifetime: '90 days',
        sources: [ocd('877f434a-514f-4b24-be46-e0b797f179a6', '_gcl_gb')],
      },
      {
        match: 'exact',
        pattern: '_gcl_gs',
        party: 'first',
        lifetime: '90 days',
        sources: [ocd('a94fd98e-f1f5-4de9-af1a-e2165ed92e54', '_gcl_gs')],
      },
      {
        match: 'prefix',
        pattern: '_gcl_',
        party: 'first',
        sources: [ocd('f0c95579-9131-4caf-8240-51eb01be6eb9', '_gcl_* family (_gcl_au, _gcl_aw, _gcl_dc, _gcl_gb, _gcl_gs)')],
      },
      {
        match: 'exact',
        pattern: 'IDE',
        domain: 'doubleclick.net',
        party: 'third',
        lifetime: '2 years',
        identifier: true,
        sources: [ocd('256c8986-d881-11e9-8a34-2a2ae2dbcce4', 'IDE')],
      },
      {
        match: 'exact',
        pattern: 'test_cookie',
        domain: 'doubleclick.net',
        party: 'third',
        lifetime: '1 year',
        sources: [ocd('4204f375-a3e5-4b04-ae39-9adb71f3eb5d', 'test_cookie')],
      },
    ],
    storage: [],
    sources: [ocd('c86ce0bd-8cdc-42ac-b5cf-63be0d1e27f0', 'Google Ads')],
  },
  {
    id: 'google-tag-manager',
    name: 'Google Tag Manager',
    organization: 'Google LLC',
    country: 'US',
    recipientSources: googleLegal(),
    category: 'tag-manager',
    description: {
      ru: 'Диспетчер тегов Google: загружает на страницу другие счётчики и пиксели (например, Google Analytics и Google Ads); запрос к нему сообщает Google о посещении.',
      en: "Google's tag manager: loads other counters and pixels onto the page (e.g. Google Analytics and Google Ads); the request itself tells Google about the visit.",
    },
    hosts: [{ host: 'googletagmanager.com', sources: [ep('||googletagmanager.com^')] }],
    cookies: [],
    storage: [],
    sources: [ep('||googletagmanager.com^')],
  },
  {
    id: 'meta-pixel',
    name: 'Meta Pixel (Facebook)',
    organization: 'Meta Platforms, Inc.',
    country: 'US',
    recipientSources: metaLegal(),
    category: 'advertising',
    description: {
      ru: 'Пиксель Meta (Facebook): сообщает Meta о посещении и действиях на сайте, чтобы сопоставить посетителя с аккаунтом Facebook/Instagram и показывать рекламу.',
      en: 'The Meta (Facebook) Pixel: tells Meta about the visit and actions on the site, to match the visitor with a Facebook/Instagram account and target ads.',
    },
    hosts: [
      { host: 'connect.facebook.net', sources: [vdoc('https://developers.facebook.com/docs/meta-pixel/get-started (fbevents.js)')] },
      {
        host: 'facebook.com',
        paths: ['/tr'],
        sources: [vdoc('https://developers.facebook.com/docs/meta-pixel/get-started (noscript www.facebook.com/tr)')],
      },
    ],
    cookies: [
      // Meta's own documentation gives 90 days (renewed on visits); OCD's row says 4 months.
      {
        match: 'exact',
        pattern: '_fbp',
        party: 'first',
        lifetime: '90 days',
        identifier: true,
        sources: [
          vdoc('https://www.facebook.com/privacy/policies/cookies/ (Meta Cookies Policy: _fbp, 90 days)'),
          ocd('0d249cd5-ae35-4dbb-ad00-d5ca46948619', '_fbp'),
        ],
      },
      {
        match: 'exact',
        pattern: '_fbc',
        party: 'first',
        lifetime: '2 years',
        sources: [ocd('d437b1da-7729-4c74-a5cc-e73620f5e381', '_fbc')],
      },
      {
        match: 'exact',
        pattern: 'fr',
        domain: 'facebook.com',
        party: 'third',
        lifetime: '90 days',
        identifier: true,
        sources: [ocd('256c787e-d881-11e9-8a34-2a2ae2dbcce4', 'fr')],
      },
    ],
    storage: [],
    sources: [vdoc('https://developers.facebook.com/docs/meta-pixel/get-started')],
  },
  {
    id: 'calltouch',
    name: 'Calltouch',
    organization: 'Calltouch',
    country: null,
    recipientSources: [ruService('calltouch.ru')],
    category: 'call-tracking',
    description: {
      ru: 'Коллтрекинг Calltouch: подменяет номер телефона на сайте, чтобы связать звонок с посещением и источником рекламы; присваивает посетителю идентификатор.',
      en: 'Calltouch call tracking: swaps the phone number on the site to link a call with the visit and the ad source; gives the visitor an identifier.',
    },
    hosts: [{ host: 'calltouch.ru', sources: [ep('||calltouch.ru^$third-party')] }],
    cookies: [
      { match: 'exact', pattern: '_ct', party: 'first', identifier: true, sources: [dump('_ct with mod.calltouch.ru sites')] },
      {
        match: 'exact',
        pattern: '_ct_client_global_id',
        party: 'first',
        identifier: true,
        sources: [dump('_ct_client_global_id (UUID value)')],
      },
      { match: 'exact', pattern: '_ct_session_id', party: 'first', sources: [dump('_ct_session_id')] },
      { match: 'exact', pattern: '_ct_site_id', party: 'first', sources: [dump('_ct_site_id')] },
      { match: 'exact', pattern: '_ct_ids', party: 'first', sources: [dump('_ct_ids')] },
      // '_ct_' (with the underscore), never bare '_ct', so that e.g. "_ctx" is not swallowed.
      { match: 'prefix', pattern: '_ct_', party: 'first', sources: [dump('_ct_* family')] },
      { match: 'exact', pattern: 'call_s', party: 'first', sources: [dump('call_s next to _ct_* cookies')] },
      { match: 'exact', pattern: 'cted', party: 'first', sources: [dump('cted = "modId=…;ya_client_id=…" next to _ct_* cookies')] },
    ],
    storage: [],
    sources: [ep('||calltouch.ru^$third-party')],
  },
  {
    id: 'roistat',
    name: 'Roistat',
    organization: 'Roistat',
    country: null,
    recipientSources: [own('roistat.com')],
    category: 'call-tracking',
    description: {
      ru: 'Сквозная аналитика и коллтрекинг Roistat: присваивает номер визита и связывает заявки и звонки с рекламным источником.',
      en: 'Roistat end-to-end analytics and call tracking: assigns a visit number and links requests and calls with the ad source.',
    },
    hosts: [
      { host: 'roistat.com', sources: [ep('||roistat.com^$third-party')] },
      { host: 'collector.roistat.com', sources: [ruadl('||collector.roistat.com^')] },
    ],
    cookies: [
      {
        match: 'exact',
        pattern: 'roistat_visit',
        party: 'first',
        identifier: true,
        sources: [obs('Roistat counter snippet tests /roistat_visit=/ on document.cookie, public site code'), dump('roistat_visit')],
      },
      { match: 'exact', pattern: 'roistat_first_visit', party: 'first', identifier: true, sources: [dump('roistat_first_visit')] },
      { match: 'prefix', pattern: 'roistat_', party: 'first', sources: [dump('roistat_* (roistat_cookies_to_resave lists the family)')] },
    ],
    storage: [],
    sources: [ep('||roistat.com^$third-party')],
  },
  {
    id: 'comagic',
    name: 'CoMagic / UIS',
    organization: 'CoMagic / UIS',
    country: null,
    recipientSources: [ruService('comagic.ru'), ruService('uiscom.ru')],
    category: 'call-tracking',
    description: {
      ru: 'Коллтрекинг и виджеты CoMagic / UIS: подменяют номер телефона и связывают звонки и обращения с посещением сайта.',
      en: 'CoMagic / UIS call tracking and widgets: swap the phone number and link calls and requests with the site visit.',
    },
    hosts: [
      { host: 'comagic.ru', sources: [ep('||comagic.ru^$third-party'), ep('||tracker.comagic.ru^')] },
      { host: 'app.uiscom.ru', sources: [obs('app.uiscom.ru/static/cs.min.js, public site code')] },
    ],
    cookies: [
      {
        match: 'prefix',
        pattern: '_comagic_id',
        party: 'first',
        identifier: true,
        sources: [obs('_comagic_id<siteKey>, public cookie dumps')],
      },
      { match: 'prefix', pattern: '_cmg_csst', party: 'first', sources: [obs('_cmg_csst<siteKey>, public cookie dumps')] },
    ],
    storage: [],
    sources: [ep('||comagic.ru^$third-party')],
  },
  {
    id: 'jivo',
    name: 'Jivo (JivoSite)',
    organization: 'ООО «Живой Сайт»',
    country: 'RU',
    recipientSources: [processorNamed('Jivo (ООО «Живой Сайт», РФ)')],
    category: 'chat',
    description: {
      ru: 'Онлайн-чат Jivo: окно чата на сайте; запоминает число визитов и страниц, источник перехода и время приглашений в чат.',
      en: 'Jivo live chat: the chat window on the site; remembers visit and page counts, the referrer and chat invitation times.',
    },
    hosts: [
      { host: 'jivo.ru', sources: [own('jivo.ru')] },
      { host: 'jivosite.com', sources: [own('jivosite.com')] },
      { host: 'jivochat.com', sources: [own('jivochat.com')] },
      { host: 'telemetry.jivosite.com', sources: [ep('||telemetry.jivosite.com^')] },
    ],
    cookies: [
      {
        match: 'prefix',
        pattern: 'jv_',
        party: 'first',
        sources: [
          obs(
            'jv_enter_ts_, jv_visits_count_, jv_pages_count_, jv_refer_, jv_utm_, jv_invitation_time_, jv_close_time_ + <widgetId>, cookie dumps 2017-2020',
          ),
        ],
      },
    ],
    storage: [],
    sources: [ep('||telemetry.jivosite.com^')],
  },
  {
    id: 'bitrix24',
    name: 'Битрикс24 / Bitrix24',
    organization: 'ООО «1С-Битрикс»',
    country: 'RU',
    recipientSources: [processorNamed('ООО «1С-Битрикс» (ОГРН 5077746476209), Москва, for Битрикс24')],
    category: 'crm',
    description: {
      ru: 'Битрикс24: кнопка обратной связи, CRM-формы и коллтрекер; скрипт аналитики bitrix.info присваивает посетителю идентификатор BX_USER_ID.',
      en: 'Bitrix24: the contact button, CRM forms and call tracker; the bitrix.info analytics script gives the visitor a BX_USER_ID identifier.',
    },
    hosts: [
      { host: 'bitrix.info', sources: [ep('||bitrix.info/ba.js'), ep('||analytics.bitrix.info^'), ruadl('||bitrix.info^$third-party')] },
      { host: 'cdn-ru.bitrix24.ru', sources: [obs('cdn-ru.bitrix24.ru/b<N>/crm/site_button/loader_*.js, public site code')] },
      { host: 'es-trans.bitrix24.ru', sources: [obs('es-trans.bitrix24.ru, public site code')] },
    ],
    cookies: [
      { match: 'exact', pattern: 'BX_USER_ID', party: 'first', identifier: true, sources: [dump('BX_USER_ID (32-hex value)')] },
      {
        match: 'exact',
        pattern: 'b24_crm_guest_id',
        party: 'first',
        identifier: true,
        sources: [obs('Bitrix24 b24Tracker.guest JS source copies')],
      },
      {
        match: 'prefix',
        pattern: 'b24_crm_',
        party: 'first',
        sources: [obs('b24_crm_guest_id, b24_crm_guest_id_returned: Bitrix24 b24Tracker.guest JS source copies')],
      },
    ],
    storage: [],
    sources: [ep('||bitrix.info/ba.js')],
  },
  {
    id: '1c-bitrix',
    name: '1С-Битрикс (CMS сайта)',
    organization: 'ООО «1С-Битрикс»',
    country: 'RU',
    recipientSources: [processorNamed('ООО «1С-Битрикс» (ОГРН 5077746476209), Москва, for 1С-Битрикс')],
    category: 'functional',
    platform: true,
    description: {
      ru: 'Система управления сайтом 1С-Битрикс — программная платформа самого сайта клиники: её cookie (BITRIX_SM_*) ставит сервер сайта, модуль статистики запоминает посетителя (гостя) и время последнего визита. Не сторонний сервис.',
      en: "The 1C-Bitrix site engine, the clinic's own site platform: the site's server sets its cookies (BITRIX_SM_*); its statistics module remembers the visitor (guest) and last visit time. Not a third party.",
    },
    hosts: [],
    cookies: [
      {
        match: 'exact',
        pattern: 'BITRIX_SM_GUEST_ID',
        party: 'first',
        identifier: true,
        sources: [obs('1C-Bitrix CMS first-party cookie, public cookie dumps')],
      },
      {
        match: 'exact',
        pattern: 'BITRIX_SM_LAST_VISIT',
        party: 'first',
        sources: [obs('1C-Bitrix CMS first-party cookie, public cookie dumps')],
      },
      {
        match: 'prefix',
        pattern: 'BITRIX_CONVERSION_CONTEXT_',
        party: 'first',
        sources: [obs('BITRIX_CONVERSION_CONTEXT_s1, public cookie dumps')],
      },
      // Every cookie the engine sets carries the main module's cookie-name prefix, BITRIX_SM by default.
      { match: 'prefix', pattern: 'BITRIX_SM_', party: 'first', sources: [bitrixDoc()] },
    ],
    storage: [],
    sources: [obs('1C-Bitrix CMS cookies, public cookie dumps')],
  },
  {
    id: 'callibri',
    name: 'Callibri',
    organization: 'Callibri',
    country: 'RU',
    recipientSources: [ruService('callibri.ru')],
    category: 'call-tracking',
    description: {
      ru: 'Коллтрекинг Callibri: подменяет номер телефона, чтобы связать звонок с посещением и рекламой.',
      en: 'Callibri call tracking: swaps the phone number to link a call with the visit and the ad.',
    },
    // Cookie names are known only from CC BY-NC-SA lists (trackers-ru.json): not shipped.
    hosts: [{ host: 'callibri.ru', sources: [own('callibri.ru')] }],
    cookies: [],
    storage: [],
    sources: [{ kind: 'secondary', ref: `${TR} vendor "Callibri (call tracking)"; EP has no rule for callibri (coverage_gaps)` }],
  },
  {
    id: 'envybox',
    name: 'Envybox (CallbackKILLER)',
    organization: 'Envybox',
    country: null,
    recipientSources: [own('envybox.io')],
    category: 'widget',
    description: {
      ru: 'Виджет обратного звонка Envybox: всплывающее предложение перезвонить, собирает номер телефона посетителя.',
      en: "Envybox callback widget: a pop-up offering a call back, collects the visitor's phone number.",
    },
    hosts: [
      { host: 'envybox.io', sources: [own('envybox.io')] },
      { host: 'callbackkiller.com', sources: [own('callbackkiller.com')] },
      { host: 'cdn.envybox.io', sources: [obs('cdn.envybox.io/widget/cbk.js?wcb_code=…, public snippets')] },
    ],
    cookies: [],
    storage: [],
    sources: [obs('cdn.envybox.io/widget/cbk.js, public snippets')],
  },
  {
    id: 'callbackhunter',
    name: 'CallbackHunter',
    organization: 'CallbackHunter',
    country: null,
    recipientSources: [own('callbackhunter.com')],
    category: 'widget',
    description: {
      ru: 'Виджет обратного звонка CallbackHunter: предлагает перезвонить и собирает номер телефона посетителя.',
      en: "CallbackHunter callback widget: offers a call back and collects the visitor's phone number.",
    },
    hosts: [
      { host: 'callbackhunter.com', sources: [own('callbackhunter.com')] },
      { host: 'cdn.callbackhunter.com', sources: [obs('cdn.callbackhunter.com/cbh.js?hunter_code=…, public snippets')] },
    ],
    cookies: [],
    storage: [],
    sources: [obs('cdn.callbackhunter.com/cbh.js, public snippets')],
  },
  {
    id: 'mango-office',
    name: 'Манго Офис / Mango Office',
    organization: 'ООО «Манго Телеком»',
    country: 'RU',
    recipientSources: [processorNamed('Mango Office (ООО «Манго Телеком»)'), ruService('mango-office.ru')],
    category: 'call-tracking',
    description: {
      ru: 'Коллтрекинг и виджеты Mango Office: подменяют номер телефона и связывают звонок с посещением.',
      en: 'Mango Office call tracking and widgets: swap the phone number and link the call with the visit.',
    },
    hosts: [
      { host: 'mango-office.ru', sources: [own('mango-office.ru')] },
      {
        host: 'mango-office.ru',
        paths: ['/calltracking/', '/track/'],
        sources: [ep('||mango-office.ru/calltracking/'), ep('||mango-office.ru/track/')],
      },
      { host: 'dct.mango-office.ru', sources: [obs('dct.mango-office.ru, public site code')] },
    ],
    cookies: [],
    storage: [],
    sources: [ep('||mango-office.ru/calltracking/')],
  },
  {
    id: 'carrot-quest',
    name: 'Carrot quest',
    organization: 'Carrot quest',
    country: null,
    recipientSources: [own('carrotquest.io')],
    category: 'chat',
    description: {
      ru: 'Чат и маркетинговая автоматизация Carrot quest: окно чата, рассылки и отслеживание поведения посетителя с постоянным идентификатором.',
      en: "Carrot quest chat and marketing automation: chat window, messages and tracking of the visitor's behaviour under a persistent identifier.",
    },
    hosts: [
      { host: 'carrotquest.io', sources: [own('carrotquest.io')] },
      { host: 'carrotquest.app', sources: [own('carrotquest.app')] },
      { host: 'cdn.carrotquest.app', sources: [obs('cdn.carrotquest.app/api.min.js, public site code')] },
    ],
    cookies: [
      { match: 'exact', pattern: 'carrotquest_uid', party: 'first', identifier: true, sources: [obs('carrotquest_uid, public site code')] },
      {
        match: 'exact',
        pattern: 'carrotquest_device_guid',
        party: 'first',
        identifier: true,
        sources: [obs('carrotquest_device_guid, public site code')],
      },
      {
        match: 'prefix',
        pattern: 'carrotquest_',
        party: 'first',
        sources: [
          obs(
            'carrotquest_auth_token, carrotquest_session, carrotquest_realtime_services_transport, carrotquest_jwt_access, public site code',
          ),
        ],
      },
    ],
    storage: [{ match: 'exact', pattern: 'carrotquest_data', sources: [obs('localStorage carrotquest_data, public site code')] }],
    sources: [obs('cdn.carrotquest.app/api.min.js, public site code')],
  },
  {
    id: 'prodoctorov',
    name: 'ПроДокторов / ProDoctorov',
    organization: 'ProDoctorov',
    country: null,
    recipientSources: [ruService('prodoctorov.ru')],
    category: 'widget',
    description: {
      ru: 'Виджеты отзывов и рейтингов врачей ПроДокторов: загружаются с сервера ПроДокторов, который видит адрес страницы и IP посетителя.',
      en: "ProDoctorov doctor reviews and rating widgets: loaded from ProDoctorov's server, which sees the page address and the visitor's IP.",
    },
    hosts: [
      {
        host: 'prodoctorov.ru',
        paths: [
          '/static/js/widget_big.js',
          '/static/js/widget_column.js',
          '/static/js/widget_footer.js',
          '/static/js/widget_app.js',
          '/static/_v1/pd/logos/',
        ],
        sources: [obs('prodoctorov.ru/static/js/widget_*.js, public snippets')],
      },
    ],
    cookies: [],
    storage: [],
    sources: [obs('prodoctorov.ru widgets, public snippets')],
  },
];

/** The curated vendors as written, for the unit tests' validation. */
export const curatedVendorsInput: CatalogueInput = raw;

/**
 * The curated vendors with the schema's defaults. Not parsed with zod here: the service worker
 * builds this at every start (issue #15), and the unit tests check that CatalogueSchema.parse
 * gives exactly this (tests/unit/catalogue.test.ts), as does scripts/gen-ocd-catalogue.ts.
 */
export const curatedVendors: Catalogue = raw.map((v) => ({ ...v, platform: v.platform ?? false, origin: v.origin ?? 'curated' }));

/** Ids the rest of the extension refers to (issue #2). */
export const REQUIRED_VENDOR_IDS = [
  'yandex-metrica',
  'yandex-direct',
  'vk-ads',
  'mytarget',
  'google-analytics',
  'google-ads',
  'google-tag-manager',
  'meta-pixel',
  'calltouch',
  'roistat',
  'comagic',
  'jivo',
  'bitrix24',
  'callibri',
  'envybox',
  'callbackhunter',
  'mango-office',
  'carrot-quest',
  'prodoctorov',
] as const;
