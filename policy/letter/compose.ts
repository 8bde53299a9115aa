import type { Disclosure, ReportPage } from '../report/schema';
import { DEMANDS, orderDemands, responseDeadline, responseDeadlineInWorkingDays, type DemandId } from './demands';
import { policyQuote, type Operator } from './operator';
import type { SentRequest } from './request-log';
import { followUpDeadline } from './request-log';
import { cleanLine, type Sender } from './sender';
import { deadlineMayMove, formatDateNumericRu, formatDateRu, LAST_DECREE_YEAR, toIsoDate, type DateInput } from './working-days';
import { PLATFORM_VENDOR_IDS } from '../catalogue/platform-ids';

/**
 * The letter itself (issue #4), always in Russian, plain text with "\n" line breaks
 * (mailto.ts turns them into CRLF). Legal citations follow the research notes summarised in policy/letter/SOURCE.md;
 * points labelled [S]/[U] there are worded with care, and the letter states facts the
 * extension observed and requests, never a legal verdict.
 */

/** One vendor seen on the site, as plain data for the letter and the log. */
export interface ObservedVendor {
  vendorId: string;
  name: string;
  /** The organization that receives the data (catalogue "organization"); the name when unknown. */
  organization: string;
  /** Its ISO 3166-1 alpha-2 country (catalogue "country"); null or absent when unknown. */
  country?: string | null;
  disclosure?: Disclosure;
  /** Catalogue category (analytics, advertising ...), for preselectDemands. */
  category?: string;
  /** ISO date-time of the first and last page where it was seen. */
  firstSeen: string;
  lastSeen: string;
  /** Distinct pages (URLs) where it was seen. */
  pages: number;
  /** The strongest observed facts about this vendor (findings on its traffic), for the letter's observed block. */
  facts?: ObservedFact[];
}

/**
 * Facts strong enough for the letter (research §7): session recording, the medical topic of a
 * page sent to the organisation, data typed into a form sent to it. From the findings engine's
 * kinds, so a named vendor's traffic counts too (its status stays "named").
 */
export type ObservedFact = 'session-recording' | 'health-context' | 'typed-data';

const FACT_OF_KIND: Record<string, ObservedFact> = {
  'session-replay': 'session-recording',
  'health-context-leak': 'health-context',
  'pii-leak': 'typed-data',
};

/**
 * The site's own platform (its CMS and server runtime) is first party: never a recipient in the
 * letter. Trackers flagged `platform` and catalogue vendors marked platform (1C-Bitrix, PHP ...)
 * are left out (policy/catalogue/platform-ids.ts).
 */
export function isSitePlatform(t: { vendor: string; platform?: unknown }): boolean {
  return Boolean(t.platform) || PLATFORM_VENDOR_IDS.has(t.vendor);
}

export interface Identifiers {
  /** Yandex Metrica ClientID (_ym_uid). */
  ymUid?: string;
  /** Google Analytics client id (from _ga, after "GA1.x."). */
  gaClientId?: string;
}

export interface LetterInput {
  operator: Operator;
  sender: Sender;
  demands: readonly DemandId[];
  observed: readonly ObservedVendor[];
  /** Quoted only when sender.includeIdentifiers is set. */
  identifiers?: Identifiers;
  /** The letter's date. */
  today: DateInput;
  /** Response deadline (ISO date); computed from the demands when absent. */
  deadline?: string;
}

export interface Letter {
  subject: string;
  body: string;
}

/** Most serious first: a vendor seen on several pages keeps its most serious status. */
const DISCLOSURE_RANK: Record<Disclosure, number> = { contradicted: 3, undisclosed: 2, generic: 1, named: 0 };

/** What the letter needs of a page: a report page, or a history page summary (policy/history/summary.ts). */
export interface ObservedPage {
  url: string;
  finalUrl?: string;
  trackers: readonly (Pick<ReportPage['trackers'][number], 'vendor' | 'name' | 'organization' | 'country' | 'category' | 'disclosure'> & {
    platform?: unknown;
  })[];
  /** Findings of a report page (vendor and kind are all the letter reads); a summary's count is ignored. */
  findings?: readonly { kind: string; vendor?: string | null }[] | number;
  /** Per-vendor finding kinds of a history summary. */
  vendorFindings?: readonly { vendor: string; kind: string }[];
}

/**
 * Groups the trackers of report pages by vendor: first/last time seen, pages (distinct URLs)
 * and the most serious disclosure status across pages.
 */
export function observedVendorsFromPages(pages: readonly { report: ObservedPage; time: string }[]): ObservedVendor[] {
  const byId = new Map<string, ObservedVendor & { urls: Set<string> }>();
  for (const { report, time } of pages) {
    const url = report.finalUrl || report.url;
    const facts = new Map<string, Set<ObservedFact>>();
    for (const f of [...(Array.isArray(report.findings) ? report.findings : []), ...(report.vendorFindings ?? [])]) {
      const fact = FACT_OF_KIND[f.kind];
      if (fact && f.vendor) facts.set(f.vendor, (facts.get(f.vendor) ?? new Set()).add(fact));
    }
    for (const t of report.trackers) {
      if (isSitePlatform(t)) continue;
      let v = byId.get(t.vendor);
      if (!v) {
        v = {
          vendorId: t.vendor,
          name: t.name,
          organization: t.organization || t.name,
          ...(t.country !== undefined ? { country: t.country } : {}),
          category: t.category,
          disclosure: t.disclosure,
          firstSeen: time,
          lastSeen: time,
          pages: 0,
          urls: new Set(),
        };
        byId.set(t.vendor, v);
      }
      for (const fact of facts.get(t.vendor) ?? []) if (!v.facts?.includes(fact)) v.facts = [...(v.facts ?? []), fact];
      if (time < v.firstSeen) v.firstSeen = time;
      if (time > v.lastSeen) v.lastSeen = time;
      v.urls.add(url);
      if (t.disclosure && (!v.disclosure || DISCLOSURE_RANK[t.disclosure] > DISCLOSURE_RANK[v.disclosure])) v.disclosure = t.disclosure;
    }
  }
  return [...byId.values()]
    .map(({ urls, ...v }) => ({ ...v, pages: urls.size }))
    .sort((a, b) => a.organization.localeCompare(b.organization, 'ru') || a.name.localeCompare(b.name, 'ru'));
}

/** Russian words for the policy disclosure status (issue #3 terms). Never a verdict. */
export const DISCLOSURE_RU: Record<Disclosure, string> = {
  named: 'назван в политике конфиденциальности',
  generic: 'упомянут в политике конфиденциальности лишь в общих словах',
  undisclosed: 'в политике конфиденциальности не упомянут',
  contradicted: 'возможно, расходится с положениями политики конфиденциальности',
};

/** Identifier values are cookie values: keep only the plain id characters, or drop them. */
export function safeIdentifier(v: string | undefined): string | undefined {
  if (!v) return undefined;
  const t = v.trim();
  return /^[A-Za-z0-9._-]{1,100}$/.test(t) ? t : undefined;
}

function seenRange(v: ObservedVendor): string {
  const a = formatDateNumericRu(new Date(v.firstSeen));
  const b = formatDateNumericRu(new Date(v.lastSeen));
  return a === b ? a : `с ${a} по ${b}`;
}

function pagesWord(n: number): string {
  const m10 = n % 10;
  const m100 = n % 100;
  if (m10 === 1 && m100 !== 11) return 'странице';
  return 'страницах';
}

/**
 * Country names for the letter, which must read the same in every browser (no Intl): the
 * countries of the catalogue's organisations; any other code is given as the code.
 */
const COUNTRY_RU: Readonly<Record<string, string>> = { RU: 'Россия', US: 'США' };

/** "США" for "US"; undefined for a missing or malformed code (the letter then names no country). */
export function countryRu(country: string | null | undefined): string | undefined {
  if (typeof country !== 'string' || !/^[A-Z]{2}$/.test(country)) return undefined;
  return COUNTRY_RU[country] ?? country;
}

/** The observed-vendors block, grouped by recipient organization, each with its country where known. */
export function vendorsBlock(observed: readonly ObservedVendor[]): string[] {
  const groups = new Map<string, ObservedVendor[]>();
  const countries = new Map<string, string>();
  for (const v of observed) {
    const org = cleanLine(v.organization) || cleanLine(v.name);
    groups.set(org, [...(groups.get(org) ?? []), v]);
    const c = countryRu(v.country);
    if (c && !countries.has(org)) countries.set(org, c);
  }
  const orgs = [...groups.keys()].sort((a, b) => a.localeCompare(b, 'ru'));
  const lines: string[] = [];
  for (const org of orgs) {
    const c = countries.get(org);
    lines.push(c ? `${org} (${c}):` : `${org}:`);
    const vs = groups
      .get(org)!
      .slice()
      .sort((a, b) => a.name.localeCompare(b.name, 'ru'));
    for (const v of vs) {
      const status = v.disclosure ? DISCLOSURE_RU[v.disclosure] : 'соответствие политике не проверялось';
      lines.push(`  - ${cleanLine(v.name)}: замечен ${seenRange(v)} на ${v.pages} ${pagesWord(v.pages)}; ${status}.`);
    }
  }
  return lines;
}

function recipientsList(observed: readonly ObservedVendor[]): string {
  const orgs = [...new Set(observed.map((v) => cleanLine(v.organization) || cleanLine(v.name)))].sort((a, b) => a.localeCompare(b, 'ru'));
  return orgs.join(', ');
}

const LAW = 'Федерального закона от 27.07.2006 № 152-ФЗ «О персональных данных»';
const ADS_LAW = 'Федерального закона от 13.03.2006 № 38-ФЗ «О рекламе»';

function orgsWith(observed: readonly ObservedVendor[], fact: ObservedFact): string {
  return recipientsList(observed.filter((v) => v.facts?.includes(fact)));
}

/**
 * The short, hedged "what was observed" block: the strongest facts, only where seen. States
 * what the extension recorded, never a legal assessment; the policy sentence is quoted exactly.
 */
export function observedFactLines(observed: readonly ObservedVendor[]): string[] {
  const lines: string[] = [];
  const rec = orgsWith(observed, 'session-recording');
  if (rec) lines.push(`  - велась запись сеанса посещения (Вебвизор или аналог); данные записи получали: ${rec}.`);
  const health = orgsWith(observed, 'health-context');
  if (health)
    lines.push(
      `  - адрес или заголовок страниц сайта о медицинских услугах передавался организациям: ${health}. ` +
        'Если по нему можно судить о состоянии здоровья посетителя, это может расходиться с положением политики ' +
        `конфиденциальности: «${policyQuote('special-categories.none')}»`,
    );
  const typed = orgsWith(observed, 'typed-data');
  if (typed)
    lines.push(
      `  - данные, введённые в формы на сайте, передавались третьей стороне: ${typed}; политика конфиденциальности ` +
        `утверждает: «${policyQuote('storage.own-servers')}».`,
    );
  if (lines.length === 0) return [];
  return ['Что зафиксировало расширение (это наблюдения, а не правовая оценка):', ...lines];
}

/** The sentence that says a deadline past the last decree year may move (production-calendar.ts). */
export function deadlineMayMoveRu(deadline: string): string {
  if (!deadlineMayMove(deadline)) return '';
  const year = Number(deadline.slice(0, 4));
  return (
    `Срок рассчитан по статье 112 Трудового кодекса РФ; постановление Правительства о переносе выходных дней ` +
    `на ${year > LAST_DECREE_YEAR + 1 ? `${LAST_DECREE_YEAR + 1}–${year} годы` : `${year} год`} в расчёте не учтено, поэтому дата может сдвинуться.`
  );
}

/** The paragraph of one demand, citing its article exactly. */
export function demandParagraph(id: DemandId, observed: readonly ObservedVendor[]): string {
  switch (id) {
    case 'stop-tracking': {
      const orgs = recipientsList(observed);
      const transfer = orgs
        ? ` и прекратить передачу моих персональных данных третьим лицам, в том числе: ${orgs}`
        : ' и прекратить их передачу третьим лицам';
      return (
        `На основании части 5.1 статьи 21 ${LAW} требую прекратить обработку моих персональных данных ` +
        `в целях веб-аналитики и рекламы, в том числе с помощью счётчиков, пикселей и файлов cookie сторонних сервисов,` +
        `${transfer}. Срок, установленный этой частью, не превышает десяти рабочих дней с даты получения требования; ` +
        `он может быть продлён не более чем на пять рабочих дней при направлении мне мотивированного уведомления ` +
        `с указанием причин продления.`
      );
    }
    case 'withdraw-consent':
      return (
        `В соответствии с частью 2 статьи 9 ${LAW} отзываю согласие на обработку моих персональных данных, ` +
        `собранных через сайт в целях веб-аналитики и рекламы (в том числе с помощью файлов cookie, счётчиков и пикселей), ` +
        `если такое согласие считается полученным, в том числе согласие, которое политика конфиденциальности сайта связывает ` +
        `с его использованием. Этот отзыв не касается согласий, необходимых для оказания мне медицинской помощи, ` +
        `записи на приём, работы личного кабинета и приложения, напоминаний и направления мне результатов. ` +
        `Прошу прекратить обработку этих данных, основанную на согласии, обеспечить её прекращение лицами, действующими по вашему поручению, ` +
        `и уничтожить такие данные в срок, не превышающий тридцати дней с даты поступления отзыва (часть 5 статьи 21 того же закона).`
      );
    case 'stop-marketing':
      return (
        `Прошу немедленно прекратить обработку моих персональных данных в целях продвижения услуг путём прямых контактов ` +
        `со мной с помощью средств связи: рекламные звонки, SMS, сообщения по электронной почте и в мессенджерах. ` +
        `Насколько мне известно, часть 2 статьи 15 ${LAW} обязывает оператора немедленно прекратить такую обработку ` +
        `по требованию субъекта персональных данных, а часть 1 статьи 18 ${ADS_LAW} обязывает немедленно прекратить ` +
        `распространение рекламы в адрес лица, обратившегося с таким требованием.`
      );
    case 'info-request':
      return (
        `На основании статьи 14 ${LAW} прошу предоставить сведения, указанные в части 7 этой статьи, в том числе: ` +
        `какие мои персональные данные вы обрабатываете, для каких целей и на каком правовом основании, ` +
        `каким третьим лицам они передаются или передавались (включая поставщиков счётчиков и рекламных систем), ` +
        `передаются ли они за рубеж и сколько хранятся. Согласно части 3 статьи 14 эти сведения предоставляются ` +
        `в течение десяти рабочих дней с момента обращения.`
      );
  }
}

function subjectFor(ids: readonly DemandId[]): string {
  const set = new Set(ids);
  if (set.has('stop-tracking') || set.has('withdraw-consent')) return 'Требование о прекращении обработки персональных данных (152-ФЗ)';
  if (set.has('stop-marketing')) return 'Требование прекратить рекламные звонки, SMS и рассылки (ст. 15 152-ФЗ)';
  return 'Запрос сведений об обработке персональных данных (ст. 14 152-ФЗ)';
}

function senderBlock(s: Sender): string[] {
  const lines = [`От: ${cleanLine(s.fullName)}`];
  if (s.dateOfBirth) lines.push(`Дата рождения: ${formatDateNumericRu(s.dateOfBirth)}`);
  lines.push(`Эл. почта: ${cleanLine(s.email)}`);
  lines.push(`Телефон: ${cleanLine(s.phone)}`);
  if (s.postalAddress) lines.push(`Почтовый адрес: ${cleanLine(s.postalAddress)}`);
  if (s.patientCard) lines.push(`Номер медицинской карты или договора: ${cleanLine(s.patientCard)}`);
  if (s.includeIdDocument && s.idDocument.number) {
    const issued = s.idDocument.issuedAt ? `, выдан ${formatDateNumericRu(s.idDocument.issuedAt)}` : '';
    const issuer = s.idDocument.issuer ? `, ${cleanLine(s.idDocument.issuer)}` : '';
    lines.push(`Документ, удостоверяющий личность: № ${cleanLine(s.idDocument.number)}${issued}${issuer}`);
  }
  return lines;
}

function addresseeBlock(op: Operator, s: Sender): string[] {
  const site = op.site ? ` ${op.site}` : '';
  const lines = [`Кому: Администрации сайта${site} (${cleanLine(op.name)})`];
  const entity = cleanLine(s.operatorEntity ?? '');
  const inn = (s.operatorInn ?? '').trim();
  if (entity || inn) lines.push(`Оператор персональных данных: ${[entity, inn && `ИНН ${inn}`].filter(Boolean).join(', ')}`);
  if (op.addresses.length) lines.push(`Адрес: ${op.addresses.map(cleanLine).join('; ')}`);
  lines.push(`Эл. почта: ${cleanLine(op.email)}`);
  return lines;
}

function identifiersBlock(ids: Identifiers | undefined): string[] {
  const ym = safeIdentifier(ids?.ymUid);
  const ga = safeIdentifier(ids?.gaClientId);
  if (!ym && !ga) return [];
  const lines = [
    'Идентификаторы моего браузера на сайте (значения из файлов cookie), по которым можно найти связанные с ними данные аналитики:',
  ];
  if (ym) lines.push(`  - Яндекс Метрика, ClientID (cookie _ym_uid): ${ym}`);
  if (ga) lines.push(`  - Google Analytics, client ID (из cookie _ga): ${ga}`);
  lines.push(
    'Прошу прекратить передачу данных, связанных с этими идентификаторами, удалить их там, где это возможно ' +
      '(в Google Analytics данные удаляются по client ID), и сообщить, что было сделано.',
  );
  return lines;
}

/** The acknowledgement that medical and legally required processing may continue. */
export const CONTINUATION_PARAGRAPH =
  'Я понимаю, что обработка персональных данных, необходимая для оказания мне медицинской помощи или обязательная ' +
  `по закону, может продолжаться (часть 2 статьи 10; пункты 2–11 части 1 статьи 6 ${LAW}). ` +
  'Прошу в ответе указать, какая обработка моих персональных данных продолжается и на каком правовом основании.';

/** Composes the letter. The sender must be validated (validateSender) first. */
export function composeLetter(input: LetterInput): Letter {
  const demands = orderDemands(input.demands);
  const today = toIsoDate(input.today);
  const deadline = input.deadline ?? responseDeadline(demands, today);
  const s = input.sender;
  const name = cleanLine(s.fullName);
  const out: string[] = [];

  out.push(...addresseeBlock(input.operator, s), '');
  out.push(...senderBlock(s), '');
  out.push(
    subjectFor(demands)
      .replace(/ \(.*\)$/, '')
      .toUpperCase(),
    '',
  );

  const site = input.operator.site ?? 'сайт оператора';
  if (input.observed.length > 0) {
    out.push(
      `При посещении сайта ${site} мой браузер передавал данные сторонним организациям. ` +
        'Расширение браузера, показывающее трекеры, зафиксировало следующих получателей и их сервисы:',
    );
    out.push(...vendorsBlock(input.observed), '');
    const facts = observedFactLines(input.observed);
    if (facts.length) out.push(...facts, '');
  }
  if (input.operator.stopQuote) {
    out.push(`Политика конфиденциальности сайта предусматривает: «${input.operator.stopQuote}».`, '');
  }

  if (demands.length > 0) {
    demands.forEach((id, i) => {
      out.push(`${i + 1}. ${DEMANDS[id].title.ru} (${DEMANDS[id].basis.ru}).`);
      out.push(demandParagraph(id, input.observed), '');
    });
  }

  if (s.includeIdentifiers) {
    const ids = identifiersBlock(input.identifiers);
    if (ids.length) out.push(...ids, '');
  }

  out.push(CONTINUATION_PARAGRAPH, '');
  // A term in calendar days (a consent withdrawal alone) does not depend on the production calendar.
  const moves = responseDeadlineInWorkingDays(demands) ? deadlineMayMoveRu(deadline) : '';
  out.push(
    `Прошу направить ответ не позднее ${formatDateRu(deadline)} на адрес электронной почты ${cleanLine(s.email)}.${moves ? ` ${moves}` : ''}`,
    '',
  );
  out.push(`Дата: ${formatDateNumericRu(today)}`);
  out.push(`Подпись: ____________________ / ${name} /`);

  return { subject: subjectFor(demands), body: out.join('\n') };
}

/**
 * The calendar day a request was sent, as the user saw it: sentAt is a UTC date-time, and
 * its first ten characters are the UTC day (a request sent at 02:00 in Novosibirsk, UTC+7,
 * would be dated the day before).
 */
export function sentDay(sentAt: string): string {
  const d = new Date(sentAt);
  return Number.isNaN(d.getTime()) ? toIsoDate(sentAt) : toIsoDate(d);
}

function demandList(ids: readonly DemandId[]): string[] {
  return orderDemands(ids).map((id) => `  - ${DEMANDS[id].title.ru} (${DEMANDS[id].basis.ru})`);
}

/**
 * A reminder for an overdue request: what was sent and when, the deadline that passed, a
 * new date (5 working days, the longest extension art. 21 part 5.1 allows), and the
 * original text quoted below.
 */
export function composeFollowUp(sent: SentRequest, today: DateInput, sender?: Pick<Sender, 'fullName'>): Letter {
  const t = toIsoDate(today);
  const due = followUpDeadline(t);
  const lines = [
    `Кому: ${cleanLine(sent.recipient)}`,
    '',
    'ПОВТОРНОЕ ОБРАЩЕНИЕ',
    '',
    `${formatDateRu(sentDay(sent.sentAt))} на адрес ${cleanLine(sent.recipient)} было направлено моё обращение «${cleanLine(sent.subject)}» со следующими требованиями:`,
    ...demandList(sent.demands),
    '',
    `Срок ответа, указанный в обращении: не позднее ${formatDateRu(sent.deadline)} На ${formatDateRu(t)} ответ мной не получен.`,
    '',
    `Прошу ответить на обращение и сообщить о принятых мерах не позднее ${formatDateRu(due)} ` +
      'Если ответа не будет, я оставляю за собой право обратиться в Роскомнадзор как уполномоченный орган по защите прав субъектов персональных данных.',
    '',
    `Дата: ${formatDateNumericRu(t)}`,
    `Подпись: ____________________${sender ? ` / ${cleanLine(sender.fullName)} /` : ''}`,
    '',
    'Текст первоначального обращения:',
    '----------------------------------------',
    sent.body,
  ];
  return { subject: `Повторно: ${cleanLine(sent.subject)}`, body: lines.join('\n') };
}

export interface ComplaintContext {
  sender?: Pick<Sender, 'fullName' | 'email' | 'phone' | 'postalAddress'> & Partial<Pick<Sender, 'operatorEntity' | 'operatorInn'>>;
  operator?: Operator;
}

/**
 * What each demand asked for and by when, in the complaint: art. 21 parts 5 and 5.1 oblige
 * the operator to stop processing (not to reply); only the art. 14 request calls for an answer
 * (research §7), so the complaint says which duty each demand concerns.
 */
function demandedLines(ids: readonly DemandId[]): string[] {
  const set = new Set(ids);
  const out: string[] = [];
  if (set.has('stop-tracking'))
    out.push(
      '  - прекратить обработку моих персональных данных в целях веб-аналитики и рекламы (часть 5.1 статьи 21): в срок, не превышающий десяти рабочих дней с даты получения требования;',
    );
  if (set.has('withdraw-consent'))
    out.push(
      '  - в связи с отзывом согласия прекратить обработку и уничтожить данные (часть 5 статьи 21): в срок, не превышающий тридцати дней с даты поступления отзыва;',
    );
  if (set.has('stop-marketing')) out.push('  - прекратить рекламные звонки, SMS и рассылки (часть 2 статьи 15): немедленно;');
  if (set.has('info-request'))
    out.push(
      '  - предоставить сведения об обработке моих персональных данных (статья 14): в течение десяти рабочих дней с момента обращения.',
    );
  return out;
}

/**
 * A complaint draft to Roskomnadzor (art. 17 part 1): what was demanded, when, by which terms,
 * what did not arrive, and the observed facts attached; it asks for a check within the
 * authority's competence and makes no legal finding.
 */
export function composeComplaint(
  sent: SentRequest,
  followUp: SentRequest | undefined,
  today: DateInput,
  ctx: ComplaintContext = {},
): Letter {
  const t = toIsoDate(today);
  const lines: string[] = [
    'Кому: Федеральная служба по надзору в сфере связи, информационных технологий и массовых коммуникаций (Роскомнадзор)',
    '',
  ];
  if (ctx.sender) {
    lines.push(`От: ${cleanLine(ctx.sender.fullName)}`);
    lines.push(`Эл. почта: ${cleanLine(ctx.sender.email)}`);
    lines.push(`Телефон: ${cleanLine(ctx.sender.phone)}`);
    if (ctx.sender.postalAddress) lines.push(`Почтовый адрес: ${cleanLine(ctx.sender.postalAddress)}`);
    lines.push('');
  }
  const op = ctx.operator;
  const opText = op
    ? `Администрация сайта${op.site ? ` ${op.site}` : ''} (${cleanLine(op.name)})${op.addresses.length ? `, адрес: ${op.addresses.map(cleanLine).join('; ')}` : ''}`
    : cleanLine(sent.recipient);
  const entity = cleanLine(ctx.sender?.operatorEntity ?? '');
  const inn = (ctx.sender?.operatorInn ?? '').trim();
  const legal = entity || inn ? `; юридическое лицо: ${[entity, inn && `ИНН ${inn}`].filter(Boolean).join(', ')}` : '';
  const s = new Set(sent.demands);
  const stop = s.has('stop-tracking') || s.has('withdraw-consent') || s.has('stop-marketing');
  const due = sent.status === 'extended' && sent.extendedDeadline ? sent.extendedDeadline : sent.deadline;
  lines.push(
    'ОБРАЩЕНИЕ',
    '',
    `Оператор персональных данных: ${opText}${legal}.`,
    '',
    `На основании части 1 статьи 17 ${LAW} (право субъекта персональных данных обжаловать действия или бездействие ` +
      'оператора в уполномоченный орган по защите прав субъектов персональных данных) обращаюсь в Роскомнадзор.',
    '',
    `${formatDateRu(sentDay(sent.sentAt))} я направил(а) оператору по адресу ${cleanLine(sent.recipient)} обращение «${cleanLine(sent.subject)}». Я потребовал(а):`,
    ...demandedLines(sent.demands),
    `Срок ответа, указанный в обращении: ${formatDateRu(sent.deadline)}`,
  );
  if (sent.status === 'extended' && sent.extendedDeadline)
    lines.push(`Оператор уведомил меня о продлении срока; продлённый срок: ${formatDateRu(sent.extendedDeadline)}`);
  if (followUp) {
    lines.push(
      `${formatDateRu(sentDay(followUp.sentAt))} я направил(а) повторное обращение; срок ответа на него: ${formatDateRu(followUp.deadline)}`,
    );
  }
  lines.push('');
  const missing: string[] = [];
  if (s.has('info-request')) missing.push('ответ на запрос сведений (статья 14) мной не получен');
  if (stop) missing.push('сообщения о прекращении обработки или о причинах, по которым она продолжается, я не получил(а)');
  if (missing.length === 0) missing.push('ответ оператора мной не получен');
  lines.push(`На ${formatDateRu(t)} (срок истёк ${formatDateRu(due)}) ${missing.join('; ')}.`, '');
  const facts = sent.facts ?? [];
  lines.push(
    'Прошу рассмотреть обращение, проверить изложенные обстоятельства и при наличии оснований принять меры ' +
      'в пределах компетенции Роскомнадзора. Оценку действий оператора я оставляю Роскомнадзору.',
    '',
    'Приложения:',
    ...(facts.length
      ? ['  1. Наблюдения расширения браузера, приведённые в обращении к оператору (ниже).', '  2. Текст обращения к оператору (ниже).']
      : ['  1. Текст обращения к оператору (ниже).']),
    '',
    `Дата: ${formatDateNumericRu(t)}`,
    `Подпись: ____________________${ctx.sender ? ` / ${cleanLine(ctx.sender.fullName)} /` : ''}`,
    '',
  );
  if (facts.length) lines.push('Наблюдения расширения браузера:', '----------------------------------------', ...facts, '');
  lines.push('Текст обращения к оператору:', '----------------------------------------', sent.body);
  return {
    subject: 'Обращение по ч. 1 ст. 17 152-ФЗ: требования к оператору персональных данных остались без ответа',
    body: lines.join('\n'),
  };
}
