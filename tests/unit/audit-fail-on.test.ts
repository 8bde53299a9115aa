import { describe, expect, it } from 'vitest';
import { EXIT, exitCodeFor, matchFailOn, parseFailOn } from '../../audit/fail-on';
import { findingsByKindTable, summaryTable } from '../../audit/summary';
import { formatDuration, eta, progressBar, Progress } from '../../audit/progress';
import { ReportSchema, type Report } from '../../policy/report/schema';

function report(pages: { url: string; kinds?: [string, 'high' | 'medium' | 'low' | 'info'][]; error?: string }[]): Report {
  return ReportSchema.parse({
    schemaVersion: 1,
    generatedAt: '2026-11-25T10:00:00.000Z',
    extensionVersion: '0.1.0',
    pages: pages.map((p) => ({
      url: p.url,
      finalUrl: p.url,
      title: '',
      trackers: [],
      cookies: [],
      storage: [],
      thirdParties: [],
      findings: (p.kinds ?? []).map(([kind, severity]) => ({ kind, severity, evidence: {} })),
      ...(p.error ? { error: p.error } : {}),
    })),
  });
}

const R = report([
  {
    url: 'https://pro-medika.ru/',
    kinds: [
      ['before-consent', 'medium'],
      ['before-consent', 'high'],
      ['cookie-attributes', 'info'],
    ],
  },
  {
    url: 'https://pro-medika.ru/appointment/',
    kinds: [
      ['pii-leak', 'high'],
      ['before-consent', 'medium'],
    ],
  },
  { url: 'https://pro-medika.ru/doctors/' },
]);

describe('--fail-on', () => {
  it('parses "any" and kind lists', () => {
    expect(parseFailOn('any')).toEqual({ any: true });
    expect(parseFailOn('pii-leak,any')).toEqual({ any: true });
    expect(parseFailOn(' PII-leak , pii-leak,insecure-form ')).toEqual({ any: false, kinds: ['pii-leak', 'insecure-form'] });
    expect(() => parseFailOn(' , ')).toThrow(/needs a value/);
    expect(() => parseFailOn('pii-leak,trackers')).toThrow(/unknown finding kind "trackers"/);
  });

  it('matches findings of the listed kinds, with their pages', () => {
    expect(matchFailOn(R, parseFailOn('pii-leak'))).toEqual([
      { kind: 'pii-leak', pages: ['https://pro-medika.ru/appointment/'], count: 1 },
    ]);
    expect(matchFailOn(R, parseFailOn('before-consent'))).toEqual([
      { kind: 'before-consent', pages: ['https://pro-medika.ru/', 'https://pro-medika.ru/appointment/'], count: 3 },
    ]);
    expect(matchFailOn(R, parseFailOn('insecure-form,form-without-policy'))).toEqual([]);
    expect(matchFailOn(R, undefined)).toEqual([]);
  });

  it('"any" matches every kind, in the engine order', () => {
    expect(matchFailOn(R, parseFailOn('any')).map((m) => m.kind)).toEqual(['pii-leak', 'before-consent', 'cookie-attributes']);
    expect(matchFailOn(report([{ url: 'https://pro-medika.ru/' }]), parseFailOn('any'))).toEqual([]);
  });
});

describe('exit codes', () => {
  it('0 ok, 1 a URL failed, 3 --fail-on matched, 130 interrupted', () => {
    expect(exitCodeFor({ errors: 0, interrupted: false, failOnMatches: 0 })).toBe(EXIT.ok);
    expect(exitCodeFor({ errors: 0, interrupted: false, failOnMatches: 2 })).toBe(3);
    expect(exitCodeFor({ errors: 1, interrupted: false, failOnMatches: 0 })).toBe(1);
    // An incomplete audit is reported as such, even when --fail-on matched too.
    expect(exitCodeFor({ errors: 1, interrupted: false, failOnMatches: 1 })).toBe(1);
    expect(exitCodeFor({ errors: 1, interrupted: true, failOnMatches: 1 })).toBe(130);
    expect(EXIT.usage).toBe(2);
  });
});

describe('summary tables', () => {
  it('one row per page; failed pages say ERROR', () => {
    const t = summaryTable(report([{ url: 'https://pro-medika.ru/' }, { url: 'https://example.org/', error: 'outside' }]));
    const lines = t.split('\n');
    expect(lines[0]).toMatch(/^page\s+trackers\s+cookies\s+storage\s+3rd-party hosts\s+unidentified\s+findings$/);
    expect(lines[2]).toMatch(/^https:\/\/pro-medika\.ru\/\s+0\s+0\s+0\s+0\s+0\s+0\s*$/);
    expect(lines[3]).toMatch(/^https:\/\/example\.org\/\s+ERROR/);
  });

  it('findings by kind and severity', () => {
    const t = findingsByKindTable(R).split('\n');
    expect(t[0]).toMatch(/^finding\s+pages\s+high\s+medium\s+low\s+info$/);
    expect(t[2]).toMatch(/^pii-leak\s+1\s+1\s+0\s+0\s+0\s*$/);
    expect(t[3]).toMatch(/^before-consent\s+2\s+1\s+2\s+0\s+0\s*$/);
    expect(t[4]).toMatch(/^cookie-attributes\s+1\s+0\s+0\s+0\s+1\s*$/);
    expect(findingsByKindTable(report([{ url: 'https://pro-medika.ru/' }]))).toBe('');
  });
});

describe('progress', () => {
  it('formats durations and the ETA from the mean page time', () => {
    expect(formatDuration(0)).toBe('0:00');
    expect(formatDuration(65_000)).toBe('1:05');
    expect(formatDuration(3_725_000)).toBe('1:02:05');
    expect(formatDuration(NaN)).toBe('--:--');
    expect(eta(0, 10, 5000)).toBeNaN();
    expect(eta(2, 10, 4000)).toBe(16_000);
    expect(progressBar(5, 10, 10_000, '', 10)).toBe('[#####-----] 5/10  50% ETA 0:10');
    expect(progressBar(0, 4, 0, '→ /a/', 4)).toBe('[----] 0/4   0% ETA --:-- → /a/');
  });

  it('a terminal gets a bar redrawn in place; a log gets plain lines', () => {
    const out: string[] = [];
    let t = 0;
    const tty = new Progress({ isTTY: true, columns: 120, write: (s) => out.push(s) }, () => t);
    tty.start(2, 'https://pro-medika.ru/');
    t = 3000;
    tty.page(0, 2, 'https://pro-medika.ru/: 3 trackers');
    tty.end();
    expect(out[0].startsWith('\r\x1b[K')).toBe(true);
    expect(out[0].slice(4)).toMatch(/^\[-+\] 0\/2 +0% ETA --:-- → https:\/\/pro-medika\.ru\/$/);
    expect(out[1]).toBe('\r\x1b[K[1/2] https://pro-medika.ru/: 3 trackers\n');
    expect(out[2]).toMatch(/1\/2 +50% ETA /);
    expect(out.at(-1)).toBe('\r\x1b[K');

    const plain: string[] = [];
    const log = new Progress({ isTTY: false, write: (s) => plain.push(s) });
    log.start(2, 'https://pro-medika.ru/');
    log.page(0, 2, 'https://pro-medika.ru/: 3 trackers');
    log.end();
    expect(plain).toEqual(['[1/2] https://pro-medika.ru/: 3 trackers\n']);
  });
});
