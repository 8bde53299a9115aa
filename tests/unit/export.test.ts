import { Window } from 'happy-dom';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { buildSynthetic, syntheticPage } from '../../bench/synthetic';
import { CSV_PARTS, csvExporter, guardCell, htmlExporter, HTML_CSP, jsonExporter, toCsv, toHtml, toJson } from '../../policy/export';
import { ReportPageSchema, ReportSchema, type Report, type ReportPage } from '../../policy/report/schema';

const XSS = ['<img src=x onerror=alert(1)>', '<script>alert(2)</script>', '"><svg onload=alert(3)>', "'><iframe src=javascript:alert(4)>"];

function hostilePage(i: number): ReportPage {
  const x = XSS[i % XSS.length];
  return {
    url: `https://pro-medika.ru/?q=${x}`,
    finalUrl: `https://pro-medika.ru/${x}`,
    title: `Урология ${x}`,
    startedAt: '2025-06-01T10:00:00.000Z',
    requestCount: 3,
    trackers: [
      {
        vendor: 'yandex-metrica',
        name: `Metrica ${x}`,
        category: 'analytics',
        hosts: [`mc.yandex.ru${x}`],
        requests: 2,
        cookies: [`_ym_uid${x}`],
        storage: [x],
        features: ['webvisor'],
        purposes: [],
        quotes: [x],
        disclosure: 'undisclosed',
      },
    ],
    cookies: [
      {
        name: `c${x}`,
        domain: `.pro-medika.ru${x}`,
        path: '/',
        firstParty: true,
        httpOnly: false,
        secure: true,
        sameSite: 'lax',
        expires: x,
        session: false,
        partitioned: false,
        size: 10,
        vendor: x,
        purposes: [],
      },
    ],
    storage: [{ area: 'local', key: `key${x}`, vendor: null, purposes: [] }],
    thirdParties: [
      {
        host: `evil${x}.example`,
        site: 'example',
        vendor: null,
        requests: 1,
        types: ['image'],
        likelyTracking: true,
        reasons: [x],
        setCookie: false,
      },
    ],
    findings: [
      {
        kind: 'pii-leak',
        severity: 'high',
        vendor: x,
        clause: 'transfer.third-parties',
        evidence: { url: `https://t.example/?v=${x}`, field: x, nested: { a: x } },
        title: { ru: x, en: x },
      },
      { kind: `=cmd|' /C calc'!A0`, severity: 'info', evidence: { value: '-2+3' } },
    ],
    error: x,
  };
}

const report: Report = {
  schemaVersion: 1,
  generatedAt: '2025-06-01T10:00:00.000Z',
  extensionVersion: '0.1.0',
  site: 'pro-medika.ru<b>',
  pages: [0, 1, 2, 3].map(hostilePage),
};

describe('toJson', () => {
  it('writes a report that validates against ReportSchema', () => {
    const parsed = JSON.parse(toJson(report));
    expect(ReportSchema.safeParse(parsed).success).toBe(true);
    expect(parsed.pages).toHaveLength(4);
  });

  it('refuses an invalid report', () => {
    expect(() => toJson({ ...report, schemaVersion: 2 } as unknown as Report)).toThrow();
  });
});

describe('toCsv', () => {
  it('writes four tables that parse back with the same row counts', () => {
    const csv = toCsv(report);
    const rows = (s: string) => Papa.parse<string[]>(s, { skipEmptyLines: true }).data;
    expect(rows(csv.pages)).toHaveLength(5);
    expect(rows(csv.cookies)).toHaveLength(5);
    expect(rows(csv.requests)).toHaveLength(5);
    expect(rows(csv.findings)).toHaveLength(9);
    expect(rows(csv.pages)[1][2]).toBe(`Урология ${XSS[0]}`);
  });

  it('neutralises formula cells (OWASP CSV injection)', () => {
    for (const s of ['=1+1', '+1', '-1', '@SUM(A1)', '\tx', '\rx']) expect(guardCell(s)).toBe(`'${s}`);
    expect(guardCell('plain')).toBe('plain');
    expect(guardCell(-5)).toBe(-5);
    const findings = Papa.parse<string[]>(toCsv(report).findings, { skipEmptyLines: true }).data;
    const kinds = findings.slice(1).map((r) => r[1]);
    expect(kinds).toContain(`'=cmd|' /C calc'!A0`);
    expect(kinds.every((k) => !/^[=+\-@\t\r]/.test(k))).toBe(true);
  });
});

describe('toHtml', () => {
  const html = toHtml(report);
  const win = new Window();
  const doc = new win.DOMParser().parseFromString(html, 'text/html');

  it('contains no element or attribute that came from page data', () => {
    expect(doc.querySelectorAll('img, script, svg, iframe, object, embed, a, link, base, form').length).toBe(0);
    for (const el of doc.querySelectorAll('*')) {
      for (const attr of el.getAttributeNames()) expect(attr.startsWith('on')).toBe(false);
    }
    // The hostile text is visible as text.
    expect(doc.body.textContent).toContain('<img src=x onerror=alert(1)>');
    expect(doc.body.textContent).toContain('"><svg onload=alert(3)>');
    expect(html).not.toMatch(/<(img|script|svg|iframe)\b/i);
  });

  it('is self-contained with a strict CSP and Russian first', () => {
    const csp = doc.querySelector('meta[http-equiv="Content-Security-Policy"]');
    expect(csp?.getAttribute('content')).toBe(HTML_CSP);
    expect(HTML_CSP).toBe("default-src 'none'; style-src 'unsafe-inline'; img-src data:");
    expect(doc.documentElement.getAttribute('lang')).toBe('ru');
    expect(doc.querySelectorAll('style').length).toBe(1);
    expect(html).not.toMatch(/https?:\/\/[^\s"<]*\.(css|js)\b/);
    expect(doc.querySelector('h2')?.textContent).toContain('Сводка по страницам');
    expect(doc.querySelectorAll('section.page').length).toBe(4);
  });

  it('exports 1,000 pages in well under the bench budget', () => {
    const big: Report = { ...report, pages: Array.from({ length: 1000 }, (_, i) => hostilePage(i)) };
    const t = performance.now();
    toHtml(big);
    toCsv(big);
    toJson(big);
    expect(performance.now() - t).toBeLessThan(8000);
  });
});

describe('streamed exports (the audit page writes 10,000 pages batch by batch)', () => {
  const pages = [
    buildSynthetic(syntheticPage({ trackers: 5, cookies: 8, requests: 20 })).page,
    buildSynthetic(syntheticPage({ trackers: 2, cookies: 0, requests: 3, url: 'https://pro-medika.ru/=cmd|x/' })).page,
    buildSynthetic(syntheticPage({ trackers: 9, cookies: 30, requests: 80, url: 'https://pro-medika.ru/services/urologiya/' })).page,
  ];
  const meta = { schemaVersion: 1 as const, generatedAt: '2026-11-29T10:00:00.000Z', extensionVersion: '0.1.0', site: 'pro-medika.ru' };
  const batchings = [[3], [1, 2], [1, 0, 1, 1], [0]];

  it('CSV: the same text as toCsv, whatever the batches', () => {
    for (const sizes of batchings) {
      const n = sizes.reduce((a, b) => a + b, 0);
      const out: Record<string, string> = { pages: '', cookies: '', requests: '', findings: '' };
      const x = csvExporter(Object.fromEntries(CSV_PARTS.map((p) => [p, (c: string) => (out[p] += c)])));
      let i = 0;
      for (const k of sizes) x.add(pages.slice(i, (i += k)));
      x.end();
      expect(out).toEqual({ ...toCsv({ ...meta, pages: pages.slice(0, n) }) });
    }
  });

  it('HTML: head (from end) + sections is the text of toHtml, whatever the batches', () => {
    for (const sizes of batchings) {
      const n = sizes.reduce((a, b) => a + b, 0);
      let body = '';
      const x = htmlExporter(meta, (c) => (body += c));
      let i = 0;
      for (const k of sizes) x.add(pages.slice(i, (i += k)));
      expect(x.end() + body).toBe(toHtml({ ...meta, pages: pages.slice(0, n) }));
    }
  });

  it('JSON: exactly the text of toJson, whatever the batches; it parses to the report', () => {
    const valid = pages.map((p) => ReportPageSchema.parse(p));
    for (const sizes of batchings) {
      const n = sizes.reduce((a, b) => a + b, 0);
      let text = '';
      const x = jsonExporter(meta, (c) => (text += c));
      let i = 0;
      for (const k of sizes) x.add(valid.slice(i, (i += k)));
      x.end();
      expect(text).toBe(toJson({ ...meta, pages: pages.slice(0, n) }));
      expect(JSON.parse(text)).toEqual(ReportSchema.parse({ ...meta, pages: pages.slice(0, n) }));
    }
    expect(() => jsonExporter({ ...meta, schemaVersion: 2 } as unknown as typeof meta, () => undefined)).toThrow();
  });
});
