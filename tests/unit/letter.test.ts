import { describe, expect, it } from 'vitest';
import { composeComplaint, composeFollowUp, composeLetter, observedVendorsFromPages, safeIdentifier } from '../../policy/letter/compose';
import { DEMANDS, demandDeadline, orderDemands, preselectDemands, responseDeadline } from '../../policy/letter/demands';
import { checkObservedRow } from '../../policy/letter/observed-page';
import { operatorFromPolicy, policyQuote } from '../../policy/letter/operator';
import { rowOf, summarize } from '../../policy/history/summary';
import { escapeHtml, renderPrintableLetter } from '../../policy/letter/print';
import {
  canBeExtended,
  extensionPatch,
  isOverdue,
  nextStep,
  nextStepInLog,
  parseSentRequests,
  checkSentRequest,
  type SentRequest,
} from '../../policy/letter/request-log';
import {
  migrateSenderSettings,
  normalizePhone,
  SENDER_SETTINGS_VERSION,
  senderErrorText,
  validateSender,
} from '../../policy/letter/sender';
import { policyModel, quoteFor } from '../../policy/policy-model/model';
import type { ReportPage } from '../../policy/report/schema';
import { BASE_SENDER, GA, sender, VK, YANDEX, YANDEX_ADS } from './golden/letter/fixtures';
import { reportTracker } from './findings-helpers';
import { sentRequest } from './sent-request';

const operator = operatorFromPolicy();

describe('sender validation', () => {
  it('accepts a valid sender and normalises the phone', () => {
    const v = validateSender(BASE_SENDER);
    expect(v.ok).toBe(true);
    if (v.ok) {
      expect(v.sender.phone).toBe('+7 913 123-45-67');
      expect(v.sender.includeIdDocument).toBe(false);
      expect(v.sender.includeIdentifiers).toBe(false);
    }
  });

  it('normalises Russian and international phones, rejects junk', () => {
    expect(normalizePhone('+7 (383) 309-26-28')).toBe('+7 383 309-26-28');
    expect(normalizePhone('89131234567')).toBe('+7 913 123-45-67');
    expect(normalizePhone('9131234567')).toBe('+7 913 123-45-67');
    expect(normalizePhone('+49 30 1234567')).toBe('+49301234567');
    expect(normalizePhone('12345')).toBeNull();
    expect(normalizePhone('call me')).toBeNull();
    expect(normalizePhone('<script>')).toBeNull();
  });

  it('gives a clear message for an empty name, a malformed e-mail and a bad phone', () => {
    const v = validateSender({ fullName: '   ', email: 'anna@', phone: 'abc' });
    expect(v.ok).toBe(false);
    if (!v.ok) {
      expect(v.errors.fullName).toBe('required');
      expect(v.errors.email).toBe('email');
      expect(v.errors.phone).toBe('phone');
      expect(senderErrorText('required').ru).toMatch(/Обязательное поле/);
      expect(senderErrorText('email').ru).toMatch(/адрес электронной почты/);
      expect(senderErrorText('email').en).toMatch(/e-mail/);
    }
  });

  it('accepts e-mails with plus and apostrophe, rejects malformed ones', () => {
    for (const ok of ["o'neil+tag@example.ru", 'a.b@sub.example.com', 'ivan@почта.рф'])
      expect(validateSender({ ...BASE_SENDER, email: ok }).ok, ok).toBe(true);
    for (const bad of ['plain', 'a@b', '@example.ru', 'a..b@example.ru', 'a b@example.ru', 'a@example.ru\nBcc: x@y.ru'])
      expect(validateSender({ ...BASE_SENDER, email: bad }).ok, bad).toBe(false);
  });

  it('rejects 10 KB of text with a length message, never a broken letter', () => {
    const big = 'я'.repeat(10 * 1024);
    const v = validateSender({ ...BASE_SENDER, fullName: big, postalAddress: big });
    expect(v.ok).toBe(false);
    if (!v.ok) {
      expect(v.errors.fullName).toBe('nameTooLong');
      expect(v.errors.postalAddress).toBe('tooLong');
      expect(senderErrorText('nameTooLong').ru).toContain('200');
    }
  });

  it('keeps markup characters as text and folds line breaks in single-line fields', () => {
    const s = sender({ fullName: '<b>Анна</b> & "Ко"\nBcc: x@y.ru', postalAddress: '<img src=x onerror=alert(1)>' });
    expect(s.fullName).toBe('<b>Анна</b> & "Ко" Bcc: x@y.ru');
    const letter = composeLetter({ operator, sender: s, demands: ['info-request'], observed: [], today: '2026-12-28' });
    expect(letter.body).toContain('От: <b>Анна</b> & "Ко" Bcc: x@y.ru');
    expect(letter.body.split('\n').filter((l) => l.startsWith('Bcc'))).toEqual([]);
    const html = renderPrintableLetter(letter);
    expect(html).not.toContain('<b>Анна');
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;b&gt;Анна&lt;/b&gt; &amp; &quot;Ко&quot;');
  });

  it('requires all identity document fields only when the document is included', () => {
    expect(validateSender({ ...BASE_SENDER, idDocument: { number: '5000 123456' } }).ok).toBe(true);
    const v = validateSender({ ...BASE_SENDER, includeIdDocument: true, idDocument: { number: '5000 123456' } });
    expect(v.ok).toBe(false);
    if (!v.ok) {
      expect(v.errors['idDocument.issuedAt']).toBe('idDocument');
      expect(v.errors['idDocument.issuer']).toBe('idDocument');
    }
    expect(validateSender({ ...BASE_SENDER, dateOfBirth: '1990-02-31' }).ok).toBe(false);
  });

  it('migrates stored settings of older versions and junk without throwing', () => {
    expect(SENDER_SETTINGS_VERSION).toBe(1);
    expect(migrateSenderSettings(null).fullName).toBe('');
    const m = migrateSenderSettings({ fullName: 'Анна', card: '12345', phone: 42, includeIdentifiers: 'yes' }, 0);
    expect(m.fullName).toBe('Анна');
    expect(m.patientCard).toBe('12345');
    expect(m.phone).toBe('');
    expect(m.includeIdentifiers).toBe(false);
  });
});

describe('operator', () => {
  it('is read from the same model data that model.ts validates', () => {
    expect(operatorFromPolicy()).toEqual({
      name: policyModel.operator.name.value,
      addresses: policyModel.operator.addresses.map((a) => a.value),
      phone: policyModel.operator.phone.value,
      email: policyModel.operator.email.value,
      site: policyModel.site,
      stopQuote: quoteFor('rights.stop-processing'),
    });
    for (const c of policyModel.clauses) expect(policyQuote(c.id)).toBe(quoteFor(c.id));
    expect(() => policyQuote('no.such-clause')).toThrow(/unknown policy clause/);
  });
});

describe('demands', () => {
  it('each demand cites its article and has a deadline rule', () => {
    expect(DEMANDS['stop-tracking'].basis.ru).toBe('ч. 5.1 ст. 21 152-ФЗ');
    expect(DEMANDS['stop-tracking'].deadline).toEqual({ kind: 'working-days', days: 10, extendableBy: 5 });
    expect(DEMANDS['withdraw-consent'].basis.ru).toBe('ч. 2 ст. 9; ч. 5 ст. 21 152-ФЗ');
    expect(DEMANDS['withdraw-consent'].deadline).toEqual({ kind: 'calendar-days', days: 30 });
    expect(DEMANDS['stop-marketing'].deadline).toEqual({ kind: 'immediately' });
    expect(DEMANDS['stop-marketing'].verification).toBe('S');
    expect(DEMANDS['stop-marketing'].basis.ru).toBe('ч. 2 ст. 15 152-ФЗ; ч. 1 ст. 18 38-ФЗ «О рекламе»');
    expect(DEMANDS['info-request'].deadline).toEqual({ kind: 'working-days', days: 10 });
  });

  it('preselects from what was observed', () => {
    expect(preselectDemands([])).toEqual(['info-request']);
    expect(preselectDemands([{ category: 'functional' }])).toEqual(['info-request']);
    expect(preselectDemands([{ category: 'analytics' }])).toEqual(['stop-tracking', 'withdraw-consent', 'info-request']);
    expect(preselectDemands([{ category: 'advertising' }])).not.toContain('stop-marketing');
  });

  it('computes deadlines per demand and the response deadline', () => {
    expect(demandDeadline('stop-tracking', '2026-12-28')).toBe('2027-01-20');
    expect(demandDeadline('withdraw-consent', '2026-12-28')).toBe('2027-01-27');
    expect(demandDeadline('stop-marketing', '2026-12-28')).toBe('2026-12-28');
    expect(responseDeadline(['withdraw-consent'], '2026-12-28')).toBe('2027-01-27');
    expect(responseDeadline(['withdraw-consent', 'stop-tracking'], '2026-12-28')).toBe('2027-01-20');
    expect(orderDemands(['info-request', 'stop-tracking', 'info-request'])).toEqual(['stop-tracking', 'info-request']);
  });
});

describe('composeLetter', () => {
  const s = sender();
  const all = composeLetter({
    operator,
    sender: s,
    demands: ['info-request', 'stop-tracking', 'withdraw-consent', 'stop-marketing'],
    observed: [GA, YANDEX, YANDEX_ADS, VK],
    today: '2026-12-28',
  });

  it('addresses the operator from the policy model', () => {
    expect(operator.email).toBe(policyModel.operator.email.value);
    expect(all.body).toContain(`Эл. почта: ${policyModel.operator.email.value}`);
    for (const a of policyModel.operator.addresses) expect(all.body).toContain(a.value);
    expect(all.body).toContain(policyModel.operator.name.value);
  });

  it('cites each selected demand exactly, in canonical order', () => {
    const i1 = all.body.indexOf('1. Прекратить обработку');
    const i4 = all.body.indexOf('4. Сведения об обработке');
    expect(i1).toBeGreaterThan(0);
    expect(i4).toBeGreaterThan(i1);
    expect(all.body).toContain('На основании части 5.1 статьи 21 Федерального закона от 27.07.2006 № 152-ФЗ');
    expect(all.body).toContain('В соответствии с частью 2 статьи 9');
    expect(all.body).toContain('тридцати дней с даты поступления отзыва (часть 5 статьи 21');
    expect(all.body).toContain('Насколько мне известно, часть 2 статьи 15'); // [S]: careful wording
    expect(all.body).toContain('часть 1 статьи 18 Федерального закона от 13.03.2006 № 38-ФЗ «О рекламе»');
    // The withdrawal is scoped to analytics and advertising; care consents are kept.
    expect(all.body).toContain('собранных через сайт в целях веб-аналитики и рекламы');
    expect(all.body).toContain('Этот отзыв не касается согласий, необходимых для оказания мне медицинской помощи');
    expect(all.body).toContain('Согласно части 3 статьи 14');
  });

  it('groups vendors by organization with dates and disclosure in Russian', () => {
    const yandexAt = all.body.indexOf('ООО «Яндекс» (Россия):');
    expect(yandexAt).toBeGreaterThan(0);
    expect(all.body).toContain(
      '  - Яндекс Метрика: замечен с 20.12.2026 по 27.12.2026 на 3 страницах; возможно, расходится с положениями политики конфиденциальности.',
    );
    expect(all.body).toContain('  - Яндекс Директ: замечен 21.12.2026 на 1 странице; назван в политике конфиденциальности.');
    expect(all.body).toContain(
      'Google Analytics: замечен 27.12.2026 на 1 странице; упомянут в политике конфиденциальности лишь в общих словах.',
    );
    expect(all.body).toContain(
      'Top.Mail.Ru / пиксель VK Рекламы: замечен с 22.12.2026 по 26.12.2026 на 2 страницах; назван в политике конфиденциальности.',
    );
    expect(all.body).toContain('в том числе: ООО «ВК», ООО «Яндекс», Google LLC');
  });

  it('the deadline in the letter follows the production calendar (issue 13 examples)', () => {
    const at = (today: string) =>
      composeLetter({ operator, sender: sender(), demands: ['stop-tracking'], observed: [], today }).body.match(
        /Прошу направить ответ не позднее ([^.]+ г\.)(.*)$/m,
      )!;
    // 31.12.2026 is a day off by decree: sent on 17.12.2026 the answer is due 11.01.2027, and 2027 has no decree yet.
    expect(at('2026-12-17')[1]).toBe('11 января 2027 г.');
    expect(at('2026-12-17')[2]).toContain('дата может сдвинуться');
    // 09.03.2026 is a day off: sent on 02.03.2026 the answer is due 17.03.2026.
    expect(at('2026-03-02')[1]).toBe('17 марта 2026 г.');
    expect(at('2026-03-02')[2]).not.toContain('сдвинуться');
    expect(at('2026-04-30')[1]).toBe('18 мая 2026 г.');
    // A consent withdrawal alone: 30 calendar days (art. 21 part 5), which the production calendar does not move.
    const withdraw = composeLetter({ operator, sender: sender(), demands: ['withdraw-consent'], observed: [], today: '2026-12-28' }).body;
    expect(withdraw).toContain('Прошу направить ответ не позднее 27 января 2027 г.');
    expect(withdraw).not.toContain('статье 112');
    expect(withdraw).not.toContain('сдвинуться');
  });

  it('acknowledges continuing medical/legal processing and gives a deadline date and signature', () => {
    expect(all.body).toContain('часть 2 статьи 10; пункты 2–11 части 1 статьи 6');
    expect(all.body).toContain('какая обработка моих персональных данных продолжается и на каком правовом основании');
    expect(all.body).toContain('Прошу направить ответ не позднее 20 января 2027 г.');
    expect(all.body).toContain('поэтому дата может сдвинуться');
    expect(all.body).toContain('Дата: 28.12.2026');
    expect(all.body).toMatch(/Подпись: _+ \/ Иванова Анна Петровна \/$/);
  });

  it('quotes identifiers only when asked and only if they look like ids', () => {
    const ids = { ymUid: '1695035051576708091', gaClientId: '123456789.1695035051' };
    const off = composeLetter({
      operator,
      sender: s,
      demands: ['stop-tracking'],
      observed: [YANDEX],
      identifiers: ids,
      today: '2026-12-28',
    });
    expect(off.body).not.toContain('_ym_uid');
    const on = composeLetter({
      operator,
      sender: sender({ includeIdentifiers: true }),
      demands: ['stop-tracking'],
      observed: [YANDEX],
      identifiers: ids,
      today: '2026-12-28',
    });
    expect(on.body).toContain('ClientID (cookie _ym_uid): 1695035051576708091');
    expect(on.body).toContain('client ID (из cookie _ga): 123456789.1695035051');
    expect(safeIdentifier('1;\nBcc: x')).toBeUndefined();
  });

  it('picks the subject from the demands', () => {
    const info = composeLetter({ operator, sender: s, demands: ['info-request'], observed: [], today: '2026-12-28' });
    expect(info.subject).toBe('Запрос сведений об обработке персональных данных (ст. 14 152-ФЗ)');
    expect(info.body).not.toContain('зафиксировало');
    const mk = composeLetter({ operator, sender: s, demands: ['stop-marketing'], observed: [], today: '2026-12-28' });
    expect(mk.subject).toMatch(/ст\. 15/);
  });
});

describe('observedVendorsFromPages', () => {
  const page = (url: string, trackers: Partial<ReportPage['trackers'][number]>[]): ReportPage => ({
    url,
    finalUrl: url,
    title: '',
    requestCount: 0,
    trackers: trackers.map((t) => reportTracker('x', t)),
    cookies: [],
    storage: [],
    thirdParties: [],
    findings: [],
  });

  it('merges pages per vendor with first/last seen, distinct pages and the most serious status', () => {
    const out = observedVendorsFromPages([
      {
        report: page('https://pro-medika.ru/', [{ vendor: 'ym', name: 'Метрика', organization: 'ООО «Яндекс»', disclosure: 'generic' }]),
        time: '2026-12-02T12:00:00Z',
      },
      {
        report: page('https://pro-medika.ru/a', [
          { vendor: 'ym', name: 'Метрика', organization: 'ООО «Яндекс»', disclosure: 'contradicted' },
          { vendor: 'ga', name: 'GA' },
        ]),
        time: '2026-12-01T12:00:00Z',
      },
      {
        report: page('https://pro-medika.ru/', [{ vendor: 'ym', name: 'Метрика', organization: 'ООО «Яндекс»', disclosure: 'named' }]),
        time: '2026-12-05T12:00:00Z',
      },
    ]);
    const ym = out.find((v) => v.vendorId === 'ym')!;
    expect(ym).toMatchObject({
      firstSeen: '2026-12-01T12:00:00Z',
      lastSeen: '2026-12-05T12:00:00Z',
      pages: 2,
      disclosure: 'contradicted',
      category: 'analytics',
    });
    const ga = out.find((v) => v.vendorId === 'ga')!;
    expect(ga.organization).toBe('GA');
    expect(ga.pages).toBe(1);
  });

  it("never lists the site's own platform as a recipient, and carries the strongest facts from findings", () => {
    const p = page('https://pro-medika.ru/services/urologiya/', [
      { vendor: '1c-bitrix', name: '1С-Битрикс', organization: '1С-Битрикс', category: 'analytics', disclosure: 'generic' },
      { vendor: 'yandex-direct', name: 'Яндекс Директ', organization: 'ООО «Яндекс»', category: 'advertising', disclosure: 'named' },
    ]);
    const withFindings = {
      ...p,
      findings: [
        { kind: 'health-context-leak', vendor: 'yandex-direct' },
        { kind: 'cookie-attributes', vendor: 'yandex-direct' },
      ],
    };
    const out = observedVendorsFromPages([{ report: withFindings, time: '2026-12-01T12:00:00Z' }]);
    expect(out.map((v) => v.vendorId)).toEqual(['yandex-direct']);
    expect(out[0]).toMatchObject({ disclosure: 'named', facts: ['health-context'] });
    // History summaries: per-vendor finding kinds; a tracker flagged platform is left out too.
    const summary = {
      url: 'https://pro-medika.ru/',
      trackers: [
        { vendor: 'x', name: 'X', category: 'functional', platform: 'php' },
        { vendor: 'yandex-metrica', name: 'Метрика', category: 'analytics' },
      ],
      findings: 3,
      vendorFindings: [{ vendor: 'yandex-metrica', kind: 'session-replay' }],
    };
    const out2 = observedVendorsFromPages([{ report: summary, time: '2026-12-01T12:00:00Z' }]);
    expect(out2.map((v) => [v.vendorId, v.facts])).toEqual([['yandex-metrica', ['session-recording']]]);
    const letter = composeLetter({ operator, sender: sender(), demands: ['stop-tracking'], observed: out, today: '2026-12-01' });
    expect(letter.body).not.toContain('1С-Битрикс');
    expect(letter.body).toContain('адрес или заголовок страниц сайта о медицинских услугах передавался организациям: ООО «Яндекс»');
    expect(letter.body).toContain('Если по нему можно судить о состоянии здоровья посетителя');
    expect(letter.body).not.toContain('запись сеанса');
  });

  it('reads stored history rows by hand: the same vendors as from the summary, a bad row named and skipped', () => {
    const p = page('https://pro-medika.ru/services/urologiya/', [
      { vendor: 'yandex-metrica', name: 'Метрика', organization: 'ООО «Яндекс»', disclosure: 'undisclosed' },
      { vendor: 'vk-pixel', name: 'VK Пиксель', organization: 'ООО «ВК»', category: 'advertising' },
    ]);
    p.findings = [{ kind: 'session-replay', vendor: 'yandex-metrica' } as ReportPage['findings'][number]];
    const summary = summarize({ id: 'p1', url: p.url, time: Date.UTC(2026, 11, 1), policyVersion: 'v' }, p);
    const row = checkObservedRow(rowOf(summary));
    expect(row.ok).toBe(true);
    if (!row.ok) return;
    const time = new Date(summary.time).toISOString();
    expect(observedVendorsFromPages([{ report: row.value.report, time }])).toEqual(observedVendorsFromPages([{ report: summary, time }]));
    expect(
      checkObservedRow({ ...rowOf(summary), trackers: [{ vendor: 'x', name: 'X', category: 'analytics', disclosure: 'maybe' }] }),
    ).toEqual({
      ok: false,
      error: 'p1: trackers[0]: disclosure: expected named | generic | undisclosed | contradicted',
    });
    expect(checkObservedRow({ id: 'p2', url: 'u', time: 'yesterday', trackers: [] })).toEqual({
      ok: false,
      error: 'p2: time: expected a number',
    });
    expect(checkObservedRow(null).ok).toBe(false);
  });

  it("names each recipient's country where known, from a report page and from a stored history row (issue 13)", () => {
    const p = page('https://pro-medika.ru/', [
      { vendor: 'google-analytics', name: 'Google Analytics', organization: 'Google LLC', country: 'US', disclosure: 'generic' },
      { vendor: 'yandex-metrica', name: 'Метрика', organization: 'ООО «Яндекс»', country: 'RU', disclosure: 'generic' },
      { vendor: 'calltouch', name: 'Calltouch', organization: 'Calltouch', country: null, disclosure: 'undisclosed' },
    ]);
    const summary = summarize({ id: 'p1', url: p.url, time: Date.UTC(2026, 11, 1), policyVersion: 'v' }, p);
    const row = checkObservedRow(rowOf(summary));
    expect(row.ok).toBe(true);
    if (!row.ok) return;
    const time = new Date(summary.time).toISOString();
    for (const report of [p, row.value.report]) {
      const observed = observedVendorsFromPages([{ report, time }]);
      expect(observed.find((v) => v.vendorId === 'google-analytics')?.country).toBe('US');
      const body = composeLetter({ operator, sender: sender(), demands: ['stop-tracking'], observed, today: '2026-12-28' }).body;
      expect(body).toContain('\nGoogle LLC (США):\n');
      expect(body).toContain('\nООО «Яндекс» (Россия):\n');
      // An unknown country is not guessed.
      expect(body).toContain('\nCalltouch:\n');
    }
    expect(checkObservedRow({ ...rowOf(summary), trackers: [{ vendor: 'x', name: 'X', category: 'analytics', country: 1 }] })).toEqual({
      ok: false,
      error: 'p1: trackers[0]: country: expected a string or null',
    });
  });
});

describe('request log', () => {
  const base = sentRequest();

  it('validates records', () => {
    expect(checkSentRequest(base)).toEqual({ ok: true, value: base });
    // Unknown fields are dropped; a malformed one is named with what was expected.
    expect(checkSentRequest({ ...base, extra: 1 })).toEqual({ ok: true, value: base });
    expect(checkSentRequest({ ...base, deadline: '19.01.2027' })).toEqual({
      ok: false,
      error: 'deadline: expected a date yyyy-mm-dd, got "19.01.2027"',
    });
    expect(checkSentRequest({ ...base, deadline: '2027-02-30' }).ok).toBe(false);
    expect(checkSentRequest({ ...base, sentAt: '2026-12-28' }).ok).toBe(false);
    expect(checkSentRequest({ ...base, sentAt: '2026-12-28T12:00:00+07:00' }).ok).toBe(true);
    expect(checkSentRequest({ ...base, demands: ['stop-everything'] }).ok).toBe(false);
    expect(checkSentRequest({ ...base, status: 'lost', facts: 'one' })).toEqual({
      ok: false,
      error: 'status: expected open | extended | answered | closed, got "lost"; facts: expected a list of strings, got "one"',
    });
    const parsed = parseSentRequests([base, { id: 'bad' }, 42, { ...base, id: 'r0', sentAt: '2026-12-01T09:00:00.000Z' }]);
    expect(parsed.records.map((r) => r.id)).toEqual(['r1', 'r0']);
    expect(parsed.invalid.map((i) => i.index)).toEqual([1, 2]);
    expect(parsed.invalid[0].id).toBe('bad');
  });

  it('is overdue only after the deadline day, and only when open', () => {
    expect(isOverdue(base, '2027-01-20')).toBe(false);
    expect(isOverdue(base, '2027-01-21')).toBe(true);
    // An extension notice moves the deadline by at most 5 working days.
    const ext = { ...base, ...extensionPatch(base) };
    expect(ext).toMatchObject({ status: 'extended', extendedDeadline: '2027-01-27' });
    expect(isOverdue(ext, '2027-01-27')).toBe(false);
    expect(isOverdue(ext, '2027-01-28')).toBe(true);
    expect(canBeExtended(base)).toBe(true);
    expect(canBeExtended({ ...base, demands: ['withdraw-consent'] })).toBe(false);
    expect(canBeExtended(ext)).toBe(false);
    expect(isOverdue({ ...base, status: 'answered' }, '2027-02-20')).toBe(false);
  });

  it('offers a follow-up, then a complaint', () => {
    expect(nextStep(base, '2027-01-10')).toBe('wait');
    expect(nextStep(base, '2027-01-21')).toBe('follow-up');
    const fu: SentRequest = {
      ...base,
      id: 'r2',
      kind: 'follow-up',
      parentId: 'r1',
      deadline: '2027-01-27',
      sentAt: '2027-01-20T09:00:00.000Z',
    };
    expect(nextStep(fu, '2027-01-27')).toBe('wait');
    expect(nextStep(fu, '2027-01-28')).toBe('complaint');
    expect(nextStepInLog(base, [base, fu], '2027-01-28')).toBe('wait');
    const c: SentRequest = { ...base, id: 'r3', kind: 'complaint', parentId: 'r1', deadline: '2027-02-28' };
    expect(nextStep(c, '2027-03-30')).toBe('wait');
    expect(nextStepInLog(fu, [base, fu, c], '2027-01-28')).toBe('wait');
  });

  it('composes a follow-up and a complaint that state what was asked and when, with no verdict', () => {
    const f = composeFollowUp(base, '2027-01-20', { fullName: 'Иванова Анна Петровна' });
    expect(f.subject).toBe('Повторно: Требование');
    expect(f.body).toContain('28 декабря 2026 г. на адрес info@pro-medika.ru было направлено');
    expect(f.body).toContain('ч. 5.1 ст. 21 152-ФЗ');
    expect(f.body).toContain('20 января 2027 г.');
    expect(f.body).toContain('не позднее 27 января 2027 г.');
    expect(f.body.endsWith('Текст')).toBe(true);
    const fu: SentRequest = {
      ...base,
      id: 'r2',
      kind: 'follow-up',
      parentId: 'r1',
      deadline: '2027-01-27',
      sentAt: '2027-01-20T09:00:00.000Z',
    };
    const c = composeComplaint(base, fu, '2027-01-28', { operator, sender: sender() });
    expect(c.body).toContain('Роскомнадзор');
    expect(c.body).toContain('28 декабря 2026 г. я направил(а) оператору');
    expect(c.body).toContain('20 января 2027 г. я направил(а) повторное обращение');
    expect(c.body).toContain('На основании части 1 статьи 17');
    expect(c.body).toContain('прекратить обработку моих персональных данных в целях веб-аналитики и рекламы (часть 5.1 статьи 21)');
    expect(c.body).toContain('На 28 января 2027 г. (срок истёк 20 января 2027 г.) сообщения о прекращении обработки');
    expect(c.body).not.toContain('статья 14): мной');
    expect(c.body).toContain('Оценку действий оператора я оставляю Роскомнадзору.');
    expect(c.body).not.toMatch(/нарушил|виновн/);
  });
});

describe('print view', () => {
  it('escapes everything and keeps date and signature', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
    const html = renderPrintableLetter({ subject: 'S <i>', body: 'Дата: 28.12.2026\nПодпись: ____' });
    expect(html).toContain('<title>S &lt;i&gt;</title>');
    expect(html).toContain('Подпись: ____');
    expect(html).not.toContain('class="sign"');
    expect(renderPrintableLetter({ subject: 's', body: 'b' })).toContain('class="sign"');
  });
});
