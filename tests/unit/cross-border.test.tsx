// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render } from '@testing-library/preact';
import { buildReport, policyViewData } from '../../policy/report/build';
import { ReportSchema } from '../../policy/report/schema';
import { CROSS_BORDER_LAW, findingDetail } from '../../policy/findings/cross-border-text';
import { toHtml } from '../../policy/export/html';
import { isVerbatimQuote } from '../../policy/policy-model/model';
import { POLICY_TEXT } from '../../policy/policy-model/text';
import {
  mentionsCrossBorder,
  namesLegalEntity,
  namesProcessors,
  namesRetentionPeriod,
  policyObservations,
} from '../../policy/policy-model/observations';
import { I18nProvider, dictionaryTranslator } from '../../components/i18n';
import { messages } from '../../locales/messages';
import { PolicyTab } from '../../components/popup/PolicyTab';
import { pageFromRequests } from './page-from-requests';

/** Issue 13: the cross-border-transfer finding and the policy-level observations. */
const T0 = Date.UTC(2026, 11, 7, 9);
const VERDICT = /наруш|незаконн|нелегальн|violat|illegal|unlawful/i;

const pageWith = (urls: string[]) => pageFromRequests('https://pro-medika.ru/services/urologiya/', urls, T0);
const crossBorder = (p: ReturnType<typeof pageWith>) => p.findings.filter((f) => f.kind === 'cross-border-transfer');

/** The outermost «…» spans of a text (nested «» kept inside). */
function guillemetQuotes(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = -1;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '«' && depth++ === 0) start = i + 1;
    else if (text[i] === '»' && depth > 0 && --depth === 0) out.push(text.slice(start, i));
  }
  return out;
}

describe('cross-border-transfer', () => {
  it('a Google tag: Google LLC, US, art. 12 and art. 18 part 5, the policy silent; no verdict', () => {
    const page = pageWith([
      'https://www.googletagmanager.com/gtag/js?id=G-TEST',
      'https://www.google-analytics.com/g/collect?v=2&tid=G-TEST',
    ]);
    const fs = crossBorder(page);
    expect(fs.map((f) => f.vendor).sort()).toEqual(['google-analytics', 'google-tag-manager']);
    const ga = fs.find((f) => f.vendor === 'google-analytics')!;
    const detail = findingDetail(ga)!;
    expect(ga.evidence).toMatchObject({
      organization: 'Google LLC',
      country: 'US',
      hosts: ['www.google-analytics.com'],
      requests: 1,
      policyMentionsCrossBorder: false,
    });
    expect(CROSS_BORDER_LAW).toEqual(['152-ФЗ ст. 12', '152-ФЗ ст. 18 ч. 5 (в ред. 23-ФЗ, с 01.07.2025)']);
    expect(ga.title!.ru).toContain('Google LLC');
    expect(detail.ru).toContain('Ст. 12 152-ФЗ с 1 марта 2023 г.');
    expect(detail.ru).toContain('ч. 5 ст. 18 152-ФЗ');
    // Art. 12 is verified in Roskomnadzor's text; the 23-FZ wording of art. 18 part 5 only in secondary sources (research §7).
    expect(detail.ru).toContain('по данным вторичных источников, ч. 5 ст. 18');
    expect(detail.ru).toContain('Политика сайта о трансграничной передаче не упоминает.');
    expect(detail.en).toContain('art. 12 of 152-FZ');
    for (const t of [ga.title!.ru, ga.title!.en, detail.ru, detail.en]) expect(t).not.toMatch(VERDICT);
    // Not about Meta: no note on legal status.
    expect(detail.ru).not.toContain('21.03.2022');
  });

  it('Russian organisations and unknown countries give no finding', () => {
    const page = pageWith(['https://mc.yandex.ru/watch/1', 'https://top-fwz1.mail.ru/counter?id=1', 'https://collector.roistat.com/x']);
    expect(page.trackers.map((t) => t.vendor).sort()).toEqual(['roistat', 'vk-ads', 'yandex-metrica']);
    expect(crossBorder(page)).toEqual([]);
  });

  it('Meta carries the neutral, hedged note on its legal status', () => {
    const meta = crossBorder(pageWith(['https://www.facebook.com/tr?id=1&ev=PageView'])).find((f) => f.vendor === 'meta-pixel')!;
    const detail = findingDetail(meta)!;
    expect(meta.evidence).toMatchObject({ organization: 'Meta Platforms, Inc.', country: 'US' });
    expect(detail.ru).toContain(
      'по данным вторичных источников, Meta Platforms, Inc. признана экстремистской организацией решением суда г. Москвы от 21.03.2022',
    );
    expect(detail.ru).toContain('72-ФЗ');
    expect(detail.ru).toContain('а не оценка действий сайта');
    expect(detail.en).toContain('according to secondary sources');
  });

  it('the HTML export shows the finding with its detail', () => {
    const html = toHtml(buildReport([pageWith(['https://www.google-analytics.com/g/collect?v=2'])], '0.0.0', new Date(T0)));
    expect(html).toContain('Передача организации за пределами России');
    expect(html).toContain('class="detail"');
  });
});

describe('policy-level observations', () => {
  it('the bundled policy: consent by use, no legal entity, no retention periods, no processors, no cross-border', () => {
    expect(policyObservations().map((o) => o.id)).toEqual([
      'consent-by-use',
      'no-legal-entity',
      'no-retention-period',
      'no-processors',
      'no-cross-border',
    ]);
    expect([
      namesLegalEntity(POLICY_TEXT),
      namesRetentionPeriod(POLICY_TEXT),
      namesProcessors(POLICY_TEXT),
      mentionsCrossBorder(POLICY_TEXT),
    ]).toEqual([false, false, false, false]);
  });

  it('quotes are verbatim, «» only around verbatim text, the 156-FZ rule hedged, no verdict', () => {
    for (const o of policyObservations()) {
      for (const q of o.quotes) expect(isVerbatimQuote(q), q).toBe(true);
      for (const q of guillemetQuotes(o.text.ru)) expect(isVerbatimQuote(q), `${o.id}: ${q}`).toBe(true);
      for (const t of [o.title.ru, o.title.en, o.text.ru, o.text.en]) expect(t).not.toMatch(VERDICT);
    }
    const consent = policyObservations().find((o) => o.id === 'consent-by-use')!;
    expect(consent.quotes).toEqual(['Используя Сайт, вы выражаете свое согласие с нашей политикой конфиденциальности.']);
    expect(consent.text.ru).toContain('По данным вторичных источников, с 1 сентября 2025 г.');
    expect(consent.text.ru).toContain('156-ФЗ');
  });

  it('a policy that names what is missing loses those observations', () => {
    const fuller =
      `${POLICY_TEXT}\nОператор — ООО «Промедика», ИНН 5400000000. Срок хранения персональных данных — 3 года. ` +
      'Обработку по поручению оператора осуществляет ООО «Хостинг». Трансграничная передача персональных данных не осуществляется.';
    expect(policyObservations(fuller).map((o) => o.id)).toEqual(['consent-by-use']);
    expect(policyObservations('Короткий текст без согласия.').map((o) => o.id)).not.toContain('consent-by-use');
  });

  it('report.json, the HTML export and the popup Policy tab carry them', () => {
    const page = pageWith(['https://mc.yandex.ru/watch/1']);
    const report = ReportSchema.parse(buildReport([page], '0.0.0', new Date(T0)));
    expect(report.policyObservations!.map((o) => o.id)).toContain('consent-by-use');
    const html = toHtml(report);
    expect(html).toContain('Политика: что в ней сказано и чего нет');
    expect(html).toContain('data-id="no-cross-border"');
    render(
      <I18nProvider translator={dictionaryTranslator(messages, 'ru')}>
        <PolicyTab page={page} view={policyViewData(page)} />
      </I18nProvider>,
    );
    const items = [...document.querySelectorAll('.tl-policy-observation')];
    expect(items.map((li) => li.getAttribute('data-id'))).toEqual([
      'consent-by-use',
      'no-legal-entity',
      'no-retention-period',
      'no-processors',
      'no-cross-border',
    ]);
    expect(document.querySelector('.tl-policy-observations h3')!.textContent).toBe('Что в политике сказано и чего в ней нет');
    expect(items[0].textContent).toContain('«Используя Сайт, вы выражаете свое согласие с нашей политикой конфиденциальности.»');
    cleanup();
  });
});

afterEach(cleanup);
