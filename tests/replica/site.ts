import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { HOSTILE_COOKIES, HOSTILE_REQUEST_COUNT, IDN_FORM_HOST, IDS, RELEASE_2, UNKNOWN_COUNTER_HOST, type Release } from './ids';
import { escapeHtml, policyHtml, type PolicyVariant } from './policy-page';
import { BULK_HOSTS } from './vendors';
import { heavyPage } from './heavy';
import { CT, notFound, randomDigits, randomHex, reply, setCookie, type Reply, type RouteContext } from './reply';

/** The clinic's own pages (hosts pro-medika.ru and www.pro-medika.ru). */

export const SITE_HOSTS = new Set(['pro-medika.ru', 'www.pro-medika.ru']);
export const POLICY_PATH = '/politika-konfidentsialnosti/';
export const POLICY_OTHER_PATH = '/politika-konfidencialnosti/';

const MALFORMED: { url: string; type: string }[] = JSON.parse(
  readFileSync(fileURLToPath(new URL('./content/malformed-urls.json', import.meta.url)), 'utf8'),
).urls;

const NAV: [string, string][] = [
  ['/', 'Главная'],
  ['/doctors/', 'Врачи'],
  ['/services/urologiya/', 'Урология'],
  ['/appointment/', 'Запись на приём'],
  ['/contacts/', 'Контакты'],
  ['/form-no-policy/', 'Обратная связь'],
  ['/insecure-form/', 'Вызов врача на дом'],
  ['/services/', 'Все услуги'],
];

/**
 * The services catalogue: one page per specialty, as the live site has (dozens of
 * /services/<slug>/ pages). They give the audit command's crawl a site of realistic size
 * (bench/audit.ts measures throughput on it) and health-context-leak more than one page.
 * Urology has its own page with extra tags (urologiya()); the others share specialty().
 */
export const SPECIALTIES: readonly [slug: string, title: string, blurb: string][] = [
  ['ginekologiya', 'Гинекология', 'приём гинеколога, УЗИ органов малого таза, ведение беременности'],
  ['kardiologiya', 'Кардиология', 'консультация кардиолога, ЭКГ, суточное мониторирование давления'],
  ['nevrologiya', 'Неврология', 'приём невролога, лечение головной боли и болей в спине'],
  ['endokrinologiya', 'Эндокринология', 'консультация эндокринолога, щитовидная железа, диабет'],
  ['gastroenterologiya', 'Гастроэнтерология', 'приём гастроэнтеролога, гастроскопия'],
  ['dermatologiya', 'Дерматология', 'консультация дерматолога, удаление новообразований'],
  ['mammologiya', 'Маммология', 'приём маммолога, УЗИ молочных желёз'],
  ['proktologiya', 'Проктология', 'консультация проктолога, колоноскопия'],
  ['oftalmologiya', 'Офтальмология', 'проверка зрения, подбор очков, приём офтальмолога'],
  ['otorinolaringologiya', 'Оториноларингология (ЛОР)', 'приём ЛОР-врача, промывание миндалин'],
  ['travmatologiya', 'Травматология и ортопедия', 'приём травматолога-ортопеда, блокады суставов'],
  ['khirurgiya', 'Хирургия', 'амбулаторная хирургия, удаление липом и атером'],
  ['flebologiya', 'Флебология', 'лечение варикоза, УЗИ вен нижних конечностей'],
  ['allergologiya', 'Аллергология', 'аллергопробы, приём аллерголога-иммунолога'],
  ['pediatriya', 'Педиатрия', 'приём педиатра, справки для детского сада и школы'],
  ['psikhoterapiya', 'Психотерапия', 'консультация психотерапевта'],
  ['nefrologiya', 'Нефрология', 'приём нефролога, анализы мочи'],
  ['revmatologiya', 'Ревматология', 'консультация ревматолога'],
  ['pulmonologiya', 'Пульмонология', 'приём пульмонолога, спирометрия'],
  ['uzi-diagnostika', 'УЗИ-диагностика', 'ультразвуковые исследования всех органов'],
  ['analizy', 'Анализы', 'лабораторные анализы крови и мочи'],
  ['terapiya', 'Терапия', 'приём терапевта, медицинские справки и осмотры'],
];

interface LayoutOptions {
  /** Already-escaped title (the hostile page passes markup-as-text on purpose). */
  titleHtml: string;
  main: string;
  /** Scripts and pixels at the end of <body> (tags, as on the live site). */
  tail?: string;
  head?: string;
  /** Footer link to the privacy policy; /form-no-policy/ turns it off. */
  policyLink?: boolean;
  cookieNotice?: boolean;
}

/** Shared page chrome: header, navigation, footer, cookie notice. */
export function layout(o: LayoutOptions): string {
  const nav = NAV.map(([href, label]) => `<a href="${href}">${label}</a>`).join(' · ');
  const policy = o.policyLink === false ? '' : `<a href="${POLICY_PATH}" class="policy-link">Политика конфиденциальности</a> · `;
  const notice =
    o.cookieNotice === false
      ? ''
      : `<div id="cookie-notice" class="cookie-notice" role="dialog" aria-label="Уведомление о cookie">
  <p>Мы используем файлы cookie, чтобы сайт работал удобнее. Продолжая пользоваться сайтом, вы соглашаетесь с этим${o.policyLink === false ? '' : ` и с <a href="${POLICY_PATH}">Политикой конфиденциальности</a>`}.</p>
  <button type="button" id="cookie-accept">Принять</button>
</div>
<script>
(function () {
  var box = document.getElementById('cookie-notice');
  var accepted = /(?:^|; )cookie_notice_accepted=Y/.test(document.cookie);
  window.pmConsent = accepted;
  if (accepted) box.hidden = true;
  document.getElementById('cookie-accept').addEventListener('click', function () {
    document.cookie = 'cookie_notice_accepted=Y; path=/; max-age=31536000; SameSite=Lax; Secure';
    box.hidden = true;
    window.pmConsent = true;
    window.dispatchEvent(new Event('pm:consent'));
  });
})();
</script>`;
  return `<!doctype html>
<html lang="ru">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${o.titleHtml}</title>
<style>
body{font-family:Arial,sans-serif;margin:0;color:#222}header,footer,main{padding:12px 24px}header{background:#0a6e8a;color:#fff}
header a{color:#fff}footer{border-top:1px solid #ccc;font-size:13px;color:#555}.cookie-notice{position:fixed;bottom:0;left:0;right:0;background:#fffbe6;border-top:1px solid #e0c060;padding:8px 24px}
label{display:block;margin:6px 0}
</style>
${o.head ?? ''}
</head>
<body>
<header><strong>Промедика</strong> — сеть клиник в Новосибирске · <span class="phone">+7 (383) 309-26-28</span><nav>${nav}</nav></header>
<main>
${o.main}
</main>
<footer>${policy}© 2024 Сеть клиник «Промедика», г. Новосибирск, ул. Гребенщикова, 1 · ул. Кубовая, 96</footer>
${notice}
${o.tail ?? ''}
</body>
</html>`;
}

// --- Tag snippets, in the shapes the vendors publish (shared research trackers-ru.json). ---

function metrica(webvisor: boolean): string {
  return `<script type="text/javascript">
(function(m,e,t,r,i,k,a){m[i]=m[i]||function(){(m[i].a=m[i].a||[]).push(arguments)};m[i].l=1*new Date();
k=e.createElement(t),a=e.getElementsByTagName(t)[0],k.async=1,k.src=r,a.parentNode.insertBefore(k,a)})
(window, document, "script", "https://mc.yandex.ru/metrika/tag.js", "ym");
ym(${IDS.metricaCounter}, "init", {clickmap:true, trackLinks:true, accurateTrackBounce:true, webvisor:${webvisor}});
</script>
<noscript><div><img src="https://mc.yandex.ru/watch/${IDS.metricaCounter}" style="position:absolute; left:-9999px;" alt="" /></div></noscript>`;
}

function topMailRu(): string {
  return `<script type="text/javascript">
var _tmr = window._tmr || (window._tmr = []);
_tmr.push({id: "${IDS.topMailRuCounter}", type: "pageView", start: (new Date()).getTime()});
(function (d, w, id) {
  if (d.getElementById(id)) return;
  var ts = d.createElement("script"); ts.type = "text/javascript"; ts.async = true; ts.id = id;
  ts.src = "https://top-fwz1.mail.ru/js/code.js";
  var f = function () {var s = d.getElementsByTagName("script")[0]; s.parentNode.insertBefore(ts, s);};
  if (w.opera == "[object Opera]") { d.addEventListener("DOMContentLoaded", f, false); } else { f(); }
})(document, window, "tmr-code");
</script>
<noscript><div><img src="https://top-fwz1.mail.ru/counter?id=${IDS.topMailRuCounter};js=na" style="position:absolute;left:-9999px;" alt="Top.Mail.Ru" /></div></noscript>`;
}

function calltouch(): string {
  return `<script>
(function(w,d,n,c){w.CalltouchDataObject=n;w[n]=function(){w[n]["callbacks"].push(arguments)};if(!w[n]["callbacks"]){w[n]["callbacks"]=[]}w[n]["loaded"]=false;if(typeof c!=="object"){c=[c]}w[n]["counters"]=c;for(var i=0;i<c.length;i+=1){p(c[i])}function p(cId){var a=d.getElementsByTagName("script")[0],s=d.createElement("script"),i=function(){a.parentNode.insertBefore(s,a)};s.async=true;s.src="https://mod.calltouch.ru/init.js?id="+cId;i()}})(window,document,"ct","${IDS.calltouchSite}");
</script>`;
}

function gtagAfterConsent(): string {
  return `<script>
(function () {
  function loadGtag() {
    if (window.gtagLoaded) return; window.gtagLoaded = true;
    var s = document.createElement('script'); s.async = true;
    s.src = 'https://www.googletagmanager.com/gtag/js?id=${IDS.ga4}';
    document.head.appendChild(s);
    window.dataLayer = window.dataLayer || [];
    window.gtag = function () { window.dataLayer.push(arguments); };
    window.gtag('js', new Date());
    window.gtag('config', '${IDS.ga4}');
  }
  // Google Analytics waits for the cookie notice (Metrica and Top.Mail.Ru above do not).
  if (window.pmConsent) loadGtag(); else window.addEventListener('pm:consent', loadGtag);
})();
</script>`;
}

function jivo(): string {
  return `<script src="//code.jivo.ru/widget/${IDS.jivoWidget}" async></script>`;
}

function proDoctorov(): string {
  return `<div id="pd_widget_big" class="pd_widget_big" data-lpu="${IDS.proDoctorovLpu}"><a href="https://prodoctorov.ru/novosibirsk/lpu/${IDS.proDoctorovLpu}-promedika/" target="_blank">ПроДокторов — отзывы о клинике «Промедика»</a></div>
<script src="https://prodoctorov.ru/static/js/widget_big.js" async></script>`;
}

function roistat(): string {
  return `<script>
(function(w, d, s, h, id) {
  w.roistatProjectId = id; w.roistatHost = h;
  var p = d.location.protocol == "https:" ? "https://" : "http://";
  var u = /^.*roistat_visit=[^;]+(.*)?$/.test(d.cookie) ? "/dist/module.js" : "/api/site/1.0/"+id+"/init?referrer="+encodeURIComponent(d.location.href);
  var js = d.createElement(s); js.charset="UTF-8"; js.async = 1; js.src = p+h+u;
  var js2 = d.getElementsByTagName(s)[0]; js2.parentNode.insertBefore(js, js2);
})(window, document, 'script', 'cloud.roistat.com', '${IDS.roistatProject}');
</script>`;
}

function comagic(): string {
  return `<script type="text/javascript">
var __cs = __cs || [];
__cs.push(["setCsAccount", "${IDS.comagicSiteKey}"]);
</script>
<script type="text/javascript" async src="https://app.comagic.ru/static/cs.min.js"></script>`;
}

function contactsTags(): string {
  return `<script>
(function(w,d,u){var s=d.createElement('script');s.async=true;s.src=u+'?'+(Date.now()/60000|0);var h=d.getElementsByTagName('script')[0];h.parentNode.insertBefore(s,h);})(window,document,'https://cdn-ru.bitrix24.ru/${IDS.bitrix24Portal}/crm/site_button/loader_1_abc.js');
</script>
<script src="https://cdn.callibri.ru/callibri.js" type="text/javascript" charset="utf-8"></script>
<script type="text/javascript" src="https://cdn.callbackhunter.com/cbh.js?hunter_code=${IDS.callbackHunterCode}" charset="UTF-8" async></script>
<script src="https://widgets.mango-office.ru/widgets/mango.js" id="mango-js" data-widget-id="${IDS.mangoWidget}" async></script>
<script type="text/javascript">
!function(){function t(t,e){return function(){window.carrotquestasync.push(t,arguments)}}if("undefined"==typeof carrotquest){var e=document.createElement("script");e.type="text/javascript",e.async=!0,e.src="https://cdn.carrotquest.app/api.min.js",document.getElementsByTagName("head")[0].appendChild(e),window.carrotquest={},window.carrotquestasync=[],carrotquest.settings={};for(var n=["connect","track","identify","auth","onReady","addCallback","removeCallback","trackMessageInteraction"],a=0;a<n.length;a++)carrotquest[n[a]]=t(n[a])}}(),carrotquest.connect("${IDS.carrotQuestKey}");
</script>
<script>
!function(f,b,e,v,n,t,s){if(f.fbq)return;n=f.fbq=function(){n.callMethod?n.callMethod.apply(n,arguments):n.queue.push(arguments)};
if(!f._fbq)f._fbq=n;n.push=n;n.loaded=!0;n.version='2.0';n.queue=[];t=b.createElement(e);t.async=!0;
t.src=v;s=b.getElementsByTagName(e)[0];s.parentNode.insertBefore(t,s)}(window, document,'script','https://connect.facebook.net/en_US/fbevents.js');
fbq('init', '${IDS.metaPixel}');
fbq('track', 'PageView');
</script>
<noscript><img height="1" width="1" style="display:none" src="https://www.facebook.com/tr?id=${IDS.metaPixel}&ev=PageView&noscript=1"/></noscript>
<script type="text/javascript">
/* <![CDATA[ */
var google_conversion_id = ${IDS.googleAds};
var google_custom_params = window.google_tag_params;
var google_remarketing_only = true;
/* ]]> */
</script>
<script type="text/javascript" src="https://www.googleadservices.com/pagead/conversion.js"></script>
<ins class="mrg-tag" style="display:inline-block;width:240px;height:120px" data-ad-client="ad-${IDS.myTargetSlot}" data-ad-slot="${IDS.myTargetSlot}"></ins>
<script>(MRGtag = window.MRGtag || []).push({});</script>
<script async src="https://ad.mail.ru/static/ads-async.js"></script>
<script async src="https://${UNKNOWN_COUNTER_HOST}/c.js?site=pro-medika"></script>
<script>
// Loads late on purpose (the extension must keep observing after the load event).
setTimeout(function () {
  var s = document.createElement('script');
  s.src = 'https://vk.com/js/api/openapi.js?169';
  s.onload = function () { VK.Retargeting.Init('${IDS.vkPixel}'); VK.Retargeting.Hit(); };
  document.head.appendChild(s);
}, 2500);
// Envybox loads only after the visitor asks for a callback.
document.getElementById('callback-button').addEventListener('click', function () {
  if (window.envyboxLoaded) return; window.envyboxLoaded = true;
  var s = document.createElement('script');
  s.src = 'https://cdn.envybox.io/widget/cbk.js?wcb_code=${IDS.envyboxCode}';
  document.head.appendChild(s);
});
</script>`;
}

// --- Pages ---

function home(release: Release): Reply {
  const main = `<h1>Сеть клиник «Промедика»</h1>
<p>Многопрофильные клиники для взрослых и детей в Новосибирске: консультации специалистов, диагностика, анализы, справки и медицинские осмотры.</p>
<ul>
<li><a href="/services/urologiya/">Урология</a> — консультация уролога, УЗИ, лечение.</li>
<li><a href="/doctors/">Наши врачи</a> — более 120 специалистов.</li>
<li><a href="/appointment/">Записаться на приём</a> онлайн.</li>
</ul>`;
  const body = layout({
    titleHtml: 'Промедика — сеть клиник в Новосибирске',
    main,
    tail: metrica(false) + topMailRu() + (release === 2 ? '' : calltouch()) + gtagAfterConsent(),
  });
  // 1C-Bitrix sets these on the first response (HttpOnly session id; guest id readable by JS).
  // Its statistics cookies come without Secure although the site is HTTPS: CMain::set_cookie()
  // defaults to $secure = false, and many Bitrix sites never turn it on. The session cookie
  // follows PHP's session.cookie_secure, set here. BITRIX_SM_GUEST_ID is an identifier, so
  // the findings engine reports it (cookie-attributes, attribute "secure").
  return reply(200, CT.html, body, {
    'Set-Cookie': [
      // Release 2 weakens the session cookie: no Secure, no HttpOnly.
      setCookie({ name: RELEASE_2.weakenedCookie, value: randomHex(16), httpOnly: release !== 2, sameSite: 'Lax', secure: release !== 2 }),
      setCookie({ name: 'BITRIX_SM_GUEST_ID', value: randomDigits(7), maxAge: 31536000, sameSite: 'Lax' }),
      setCookie({ name: 'BITRIX_SM_LAST_VISIT', value: encodeURIComponent(new Date().toISOString()), maxAge: 31536000, sameSite: 'Lax' }),
    ],
  });
}

function doctors(release: Release): Reply {
  const main = `<h1>Врачи клиники</h1>
<ul class="doctors">
<li>Иванов Сергей Петрович — уролог, стаж 18 лет</li>
<li>Смирнова Анна Викторовна — гинеколог, стаж 12 лет</li>
<li>Кузнецов Дмитрий Олегович — терапевт, стаж 9 лет</li>
<li>Попова Елена Игоревна — эндокринолог, стаж 15 лет</li>
</ul>
${proDoctorov()}`;
  // A Yandex Direct (RSYA) retargeting pixel on a page with no medical context: the policy
  // names «Яндекс Директ», so here it is "named" with nothing contradicting it.
  const direct = `<script>
new Image().src = 'https://yabs.yandex.ru/rtgpx/?counter=${IDS.metricaCounter}&page-url=' + encodeURIComponent(location.href) + '&rnd=' + Math.random();
</script>`;
  // Release 2 adds a pixel of a counter no catalogue knows.
  const unknown =
    release === 2 ? `<img src="https://${RELEASE_2.unknownThirdPartyHost}/p.gif?site=pro-medika" alt="" width="1" height="1">` : '';
  return reply(200, CT.html, layout({ titleHtml: 'Врачи — Промедика', main, tail: metrica(false) + jivo() + direct + unknown }));
}

function urologiya(): Reply {
  const main = `<h1>Урология — консультация уролога</h1>
<p>Приём уролога в клиниках «Промедика»: диагностика и лечение заболеваний мочеполовой системы, УЗИ почек и мочевого пузыря, анализы.</p>
<p>Стоимость первичной консультации — 1 900 ₽.</p>
<p><a href="/appointment/">Записаться к урологу</a></p>`;
  const tail = `${metrica(true)}
${topMailRu()}
<script>
// Yandex Direct retargeting pixel and VK pixel carry the page URL (a medical specialty page).
(function () {
  var u = encodeURIComponent(location.href), r = encodeURIComponent(document.referrer);
  new Image().src = 'https://yabs.yandex.ru/rtgpx/?counter=${IDS.metricaCounter}&page-url=' + u + '&page-ref=' + r + '&rnd=' + Math.random();
  new Image().src = 'https://vk.com/rtrg?p=${IDS.vkPixel}&url=' + u + '&ref=' + r;
})();
</script>`;
  return reply(
    200,
    CT.html,
    layout({
      titleHtml: 'Урология — консультация уролога | Промедика',
      head: '<meta name="referrer" content="unsafe-url">',
      main,
      tail,
    }),
  );
}

function servicesIndex(): Reply {
  const items = [['urologiya', 'Урология', 'консультация уролога, УЗИ, лечение'], ...SPECIALTIES]
    .map(([slug, title, blurb]) => `<li><a href="/services/${slug}/">${escapeHtml(title)}</a> — ${escapeHtml(blurb)}.</li>`)
    .join('\n');
  const main = `<h1>Услуги клиники</h1>\n<ul class="services">\n${items}\n</ul>`;
  return reply(200, CT.html, layout({ titleHtml: 'Услуги — Промедика', main, tail: metrica(false) + topMailRu() }));
}

/** A specialty page of the catalogue: Metrica and the Top.Mail.Ru counter, as most pages of the live site. */
function specialty(title: string, blurb: string): Reply {
  const main = `<h1>${escapeHtml(title)}</h1>
<p>${escapeHtml(title)} в клиниках «Промедика»: ${escapeHtml(blurb)}.</p>
<p><a href="/appointment/">Записаться на приём</a></p>`;
  return reply(200, CT.html, layout({ titleHtml: `${escapeHtml(title)} — Промедика`, main, tail: metrica(false) + topMailRu() }));
}

function appointment(release: Release): Reply {
  const main = `<h1>Запись на приём</h1>
<form id="appointment-form" action="/appointment/submit" method="post">
<label>Ваше имя <input type="text" name="name" autocomplete="name" required></label>
<label>Телефон <input type="tel" name="phone" autocomplete="tel" placeholder="+7 (___) ___-__-__" required></label>
<label>E-mail <input type="email" name="email" autocomplete="email"></label>
<label class="consent"><input type="checkbox" name="consent" value="Y" required> Я даю согласие на обработку моих персональных данных в соответствии с <a href="${POLICY_PATH}">Политикой конфиденциальности</a></label>
<button type="submit" id="appointment-submit">Записаться</button>
</form>
<div id="appointment-thanks" hidden><p>Спасибо! Администратор перезвонит вам в ближайшее время.</p></div>`;
  const tail = `${metrica(true)}
${topMailRu()}
${roistat()}
${comagic()}${release === 2 ? `\n${calltouch()}` : ''}
<script>
(function () {
  var form = document.getElementById('appointment-form');
  form.addEventListener('submit', function (e) {
    e.preventDefault();
    var phone = form.elements.phone.value, name = form.elements.name.value;
    // The tags hash the phone themselves (Metrica: SHA-256, Top.Mail.Ru: MD5, CoMagic: base64).
    ym(${IDS.metricaCounter}, 'firstPartyParams', { phone_number: phone });
    ym(${IDS.metricaCounter}, 'reachGoal', 'appointment');
    _tmr.push({ id: '${IDS.topMailRuCounter}', type: 'reachGoal', goal: 'appointment', phone: phone });
    if (window.Comagic && Comagic.addOfflineRequest) Comagic.addOfflineRequest({ name: name, phone: phone });
    form.hidden = true;
    document.getElementById('appointment-thanks').hidden = false;
    document.body.setAttribute('data-submitted', 'yes');
  });
})();
</script>`;
  return reply(200, CT.html, layout({ titleHtml: 'Запись на приём — Промедика', main, tail }));
}

function thanks(title: string): Reply {
  return reply(
    200,
    CT.html,
    layout({ titleHtml: escapeHtml(title), main: `<h1>Спасибо!</h1><p>Ваша заявка принята. Администратор перезвонит вам.</p>` }),
  );
}

function contacts(): Reply {
  const main = `<h1>Контакты</h1>
<p>630061, г. Новосибирск, ул. Гребенщикова, 1</p>
<p>630040, г. Новосибирск, ул. Кубовая, 96</p>
<p>Телефон: <span class="phone js-callibri-phone">+7 (383) 309-26-28</span>, e-mail: info@pro-medika.ru</p>
<button type="button" id="callback-button">Заказать обратный звонок</button>`;
  return reply(200, CT.html, layout({ titleHtml: 'Контакты — Промедика', main, tail: metrica(false) + contactsTags() }));
}

function policyPage(variant: PolicyVariant): Reply {
  return reply(
    200,
    CT.html,
    layout({ titleHtml: 'Политика конфиденциальности — Промедика', main: policyHtml(variant), tail: metrica(false) }),
  );
}

function formNoPolicy(): Reply {
  const main = `<h1>Обратная связь</h1>
<form id="feedback-form" action="/form-no-policy/submit" method="post">
<label>Имя <input type="text" name="name"></label>
<label>Телефон <input type="tel" name="phone"></label>
<button type="submit">Отправить</button>
</form>`;
  return reply(200, CT.html, layout({ titleHtml: 'Обратная связь — Промедика', main, policyLink: false, tail: metrica(false) }));
}

function insecureForm(): Reply {
  const main = `<h1>Вызов врача на дом</h1>
<form id="home-visit-form" action="http://pro-medika.ru/submit" method="post">
<label>Имя <input type="text" name="name"></label>
<label>Телефон <input type="tel" name="phone"></label>
<label>Адрес <input type="text" name="address"></label>
<label><input type="checkbox" name="consent" required> Согласен на обработку персональных данных согласно <a href="${POLICY_PATH}">Политике конфиденциальности</a></label>
<button type="submit">Вызвать врача</button>
</form>`;
  return reply(200, CT.html, layout({ titleHtml: 'Вызов врача на дом — Промедика', main, tail: metrica(false) }));
}

function slow(): Reply {
  const main = `<h1>Акции месяца</h1><p>Страница подгружает счётчики в течение шести секунд.</p>`;
  const tail = `${metrica(false)}
<script>
// One Metrica hit every 500 ms for 6 s, each with its own page-url (service-worker stop test).
(function () {
  var i = 0;
  var t = setInterval(function () {
    i++;
    ym(${IDS.metricaCounter}, 'hit', location.origin + '/slow/?tick=' + i, { title: 'tick ' + i });
    if (i >= 12) { clearInterval(t); document.body.setAttribute('data-slow-done', String(i)); }
  }, 500);
})();
</script>`;
  return reply(200, CT.html, layout({ titleHtml: 'Акции — Промедика', main, tail }));
}

// --- Hostile page: data that must stay inert wherever the extension shows it. ---

export const HOSTILE_MARKUP = [
  '<img src=x onerror=alert(1)>',
  '"><script>alert(1)</script>',
  "'><svg onload=alert('x')>",
  '</textarea><b>bold</b>',
];

function hostile(ctx: RouteContext): Reply {
  // ?n= lowers the bulk count for quick runs; the default is the full 2,000.
  const bulk = Math.min(5000, Math.max(0, Math.floor(Number(ctx.query.get('n') ?? HOSTILE_REQUEST_COUNT)) || 0));
  const setCookies: string[] = [
    setCookie({ name: 'hostile_markup_value', value: '<img src=x onerror=alert(1)>', sameSite: 'Lax', secure: true }),
    setCookie({ name: '"><script>alert(1)</script>', value: 'name_is_markup', sameSite: 'Lax', secure: true }),
    setCookie({ name: '<b>bold_name</b>', value: '"><svg onload=alert(2)>', sameSite: 'Lax', secure: true }),
  ];
  for (let i = setCookies.length; i < HOSTILE_COOKIES.setCookie; i++) {
    setCookies.push(setCookie({ name: `srv_cookie_${i}`, value: randomHex(8), maxAge: 3600, sameSite: 'Lax', secure: true }));
  }
  const title = `<img src=x onerror=alert('title')> "><script>alert(1)</script> Тестовая страница`;
  const malformed = MALFORMED.map((m) => `<img src="${escapeHtml(m.url)}" alt="" data-type="${escapeHtml(m.type)}">`).join('\n');
  const main = `<h1>Тестовая страница: ${escapeHtml(title)}</h1>
<p>Эта страница содержит враждебные данные: cookie и ключи хранилища с HTML-разметкой, очень длинные значения и ${bulk} запросов.</p>
<p id="bulk-status">0</p>
<img src="https://сайт.рф/pixel.gif" alt="">
<img src="https://127.0.0.1:${ctx.port}/ip-pixel.gif" alt="">
<img src="https://${UNKNOWN_COUNTER_HOST}/many-cookies.gif?n=${HOSTILE_COOKIES.thirdParty}" alt="">
<form action="https://пример.испытание/forms/feedback" method="post"><label>Имя <input name="name"></label><button>Отправить</button></form>
<a href="https://${IDN_FORM_HOST}/">пример.испытание</a>
<div hidden>
${malformed}
</div>`;
  const tail = `<script>
(function () {
  // document.cookie: markup in names and values, one 4 KB value, ${HOSTILE_COOKIES.script} cookies in all.
  var script = ${JSON.stringify(HOSTILE_COOKIES.script)};
  var base = '; path=/; max-age=3600; SameSite=Lax; Secure';
  document.cookie = '<script>alert(3)<\\/script>=' + '"><img src=x onerror=alert(4)>' + base;
  document.cookie = 'js_markup_value=<script>alert(5)<\\/script>' + base;
  document.cookie = 'js_big_cookie=' + new Array(4001).join('A') + base;
  for (var i = 3; i < script; i++) document.cookie = 'js_cookie_' + i + '=' + i + base;
  // Storage keys with markup and very long keys.
  localStorage.setItem('<img src=x onerror=alert(6)>', '"><script>alert(7)<\\/script>');
  localStorage.setItem('"><svg onload=alert(8)>', 'x');
  localStorage.setItem('long_key_' + new Array(5001).join('k'), 'long key');
  localStorage.setItem('long_value', new Array(20001).join('v'));
  sessionStorage.setItem('<script>alert(9)<\\/script>', '<img src=x onerror=alert(10)>');
  sessionStorage.setItem('session_long_' + new Array(3001).join('s'), '1');

  // ${bulk} tiny requests to a few hosts, in batches so the page finishes quickly.
  var hosts = ${JSON.stringify([...BULK_HOSTS])};
  var total = ${bulk}, batch = 200, done = 0, sent = 0;
  var status = document.getElementById('bulk-status');
  function one(n) {
    var url = 'https://' + hosts[n % hosts.length] + '/px/' + n + '.gif?n=' + n;
    if (n % 2 === 0) {
      return new Promise(function (resolve) { var img = new Image(); img.onload = img.onerror = resolve; img.src = url; });
    }
    return fetch(url, { mode: 'no-cors', credentials: 'include' }).catch(function () {});
  }
  function next() {
    if (sent >= total) { document.body.setAttribute('data-bulk-done', String(done)); window.__hostileDone = true; return; }
    var ps = [];
    for (var k = 0; k < batch && sent < total; k++) ps.push(one(sent++));
    Promise.all(ps).then(function () { done += ps.length; status.textContent = String(done); next(); });
  }
  next();
})();
</script>`;
  return reply(200, CT.html, layout({ titleHtml: escapeHtml(title), main, tail, cookieNotice: false }), { 'Set-Cookie': setCookies });
}

/** Routes a request for a site host; null means 404. */
export function routeSite(ctx: RouteContext, variant: PolicyVariant, release: Release = 1): Reply | null {
  const path = ctx.path === '' ? '/' : ctx.path;
  if (ctx.method === 'POST') {
    if (path === '/appointment/submit') return thanks('Заявка принята — Промедика');
    if (path === '/submit' || path === '/form-no-policy/submit') return thanks('Спасибо — Промедика');
  }
  switch (path) {
    case '/':
    case '/index.php':
      return home(release);
    case '/doctors/':
      return doctors(release);
    case '/services/urologiya/':
      return urologiya();
    case '/appointment/':
      return appointment(release);
    case '/contacts/':
      return contacts();
    // POLICY_OTHER_PATH: the same policy at a path the site profile does not know (issue 13).
    case '/privacy/':
    case POLICY_PATH:
    case POLICY_OTHER_PATH:
      return policyPage(variant);
    case '/form-no-policy/':
      return formNoPolicy();
    case '/insecure-form/':
      return insecureForm();
    case '/hostile/':
      return hostile(ctx);
    case '/slow/':
      return slow();
    case '/services/':
      return servicesIndex();
    case '/favicon.ico':
      return { status: 204, headers: { 'Cache-Control': 'max-age=86400' }, body: '' };
    case '/robots.txt':
      return reply(200, CT.text, 'User-agent: *\nDisallow: /appointment/submit\n');
  }
  const heavy = path.startsWith('/heavy/') ? heavyPage(path, ctx, layout, { metrica }) : null;
  if (heavy) return heavy;
  const spec = /^\/services\/([a-z-]+)\/$/.exec(path);
  const known = spec && SPECIALTIES.find(([slug]) => slug === spec[1]);
  if (known) return specialty(known[1], known[2]);
  // Paths without the trailing slash redirect like Bitrix does.
  if (!path.endsWith('/') && !path.includes('.')) return { status: 301, headers: { Location: `${path}/` }, body: '' };
  return notFound();
}
