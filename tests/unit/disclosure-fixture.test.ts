import { describe, expect, it } from 'vitest';
import { curatedVendors } from '../../policy/catalogue/vendors';
import { annotateTracker, type DisclosureEvidence } from '../../policy/policy-model/disclosure';
import type { ObservedRequest } from '../../policy/observation';
import type { Disclosure, ReportTracker } from '../../policy/report/schema';
import { DISCLOSURE_VALUES } from '../../policy/report/disclosure';
import { LABELLED_STATUSES, type LabelledStatus, type PageKind } from './fixtures/disclosure-statuses';
import { siteCookie } from './findings-helpers';

const SITE = ['pro-medika.ru'];
const ID = '1695035051576708091';
const PHONE = '+7 913 000-11-22';
const PAGE: Record<PageKind, { url: string; title: string }> = {
  general: { url: 'https://pro-medika.ru/doctors/', title: 'Врачи — Промедика' },
  medical: { url: 'https://pro-medika.ru/services/urologiya/', title: 'Урология — консультация уролога | Промедика' },
  form: { url: 'https://pro-medika.ru/appointment/', title: 'Запись на приём — Промедика' },
  webvisor: { url: 'https://pro-medika.ru/doctors/', title: 'Врачи — Промедика' },
};

/** What a vendor's hit carries on each kind of page (see the fixture's header). */
function evidenceFor(row: LabelledStatus): DisclosureEvidence {
  const page = PAGE[row.page];
  const u = encodeURIComponent(page.url);
  const req = (url: string, extra: Partial<ObservedRequest> = {}): ObservedRequest => ({
    url,
    method: 'GET',
    kind: 'image',
    time: 1,
    frameId: 0,
    via: 'webRequest',
    ...extra,
  });
  const requests: ObservedRequest[] =
    row.page === 'form'
      ? [
          req(`https://${row.host}/hit?page-url=${u}&uid=${ID}`, {
            method: 'POST',
            kind: 'xhr',
            body: `phone=${encodeURIComponent(PHONE)}`,
          }),
        ]
      : row.page === 'webvisor'
        ? [req(`https://${row.host}/webvisor/24681357?wv-type=1&page-url=${u}`, { method: 'POST', kind: 'xhr' })]
        : [req(`https://${row.host}/hit?page-url=${u}&uid=${ID}`)];
  return {
    pageUrl: page.url,
    pageTitle: page.title,
    requests,
    cookies: [siteCookie('_ym_uid', ID)],
    siteDomains: SITE,
    typedValues: row.page === 'form' ? [{ field: 'phone', value: PHONE }] : [],
  };
}

function statusOf(row: LabelledStatus): Disclosure | undefined {
  const v = curatedVendors.find((x) => x.id === row.vendor)!;
  const t: ReportTracker = {
    vendor: v.id,
    name: v.name,
    category: v.category,
    hosts: [row.host],
    requests: 1,
    cookies: [],
    storage: [],
    features: row.page === 'webvisor' ? ['webvisor'] : [],
    purposes: [],
    quotes: [],
  };
  return annotateTracker(t, evidenceFor(row)).disclosure;
}

describe('labelled disclosure statuses (issue 13)', () => {
  const results = LABELLED_STATUSES.map((row) => ({ row, got: statusOf(row) }));

  it('covers every non-platform catalogue vendor on every page kind, each with a reason', () => {
    for (const v of curatedVendors) {
      const rows = LABELLED_STATUSES.filter((r) => r.vendor === v.id);
      if (v.platform) {
        expect(rows, v.id).toEqual([]);
        continue;
      }
      expect(new Set(rows.map((r) => r.page)), v.id).toEqual(
        new Set(v.id === 'yandex-metrica' ? ['general', 'medical', 'form', 'webvisor'] : ['general', 'medical', 'form']),
      );
      for (const r of rows) {
        expect(r.reason.length, `${r.vendor}/${r.page}`).toBeGreaterThan(10);
        expect(
          v.hosts.some((h) => r.host === h.host || r.host.endsWith(`.${h.host}`)),
          `${r.vendor} host ${r.host}`,
        ).toBe(true);
      }
    }
  });

  it('precision and recall of each status are 1.0', () => {
    const lines: string[] = [];
    for (const s of DISCLOSURE_VALUES) {
      const predicted = results.filter((r) => r.got === s).length;
      const actual = results.filter((r) => r.row.expected === s).length;
      const tp = results.filter((r) => r.got === s && r.row.expected === s).length;
      const precision = predicted === 0 ? 1 : tp / predicted;
      const recall = actual === 0 ? 1 : tp / actual;
      lines.push(`${s}: precision ${precision.toFixed(2)} (${tp}/${predicted}), recall ${recall.toFixed(2)} (${tp}/${actual})`);
      expect(precision, s).toBe(1);
      expect(recall, s).toBe(1);
    }
    console.log(`disclosure statuses vs. labelled fixture (${results.length} rows)\n  ${lines.join('\n  ')}`);
    const wrong = results
      .filter((r) => r.got !== r.row.expected)
      .map((r) => `${r.row.vendor}@${r.row.host}/${r.row.page}: got ${r.got}, expected ${r.row.expected} (${r.row.reason})`);
    expect(wrong).toEqual([]);
  });
});
