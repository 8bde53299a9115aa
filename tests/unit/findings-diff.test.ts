import { describe, expect, it } from 'vitest';
import { diffReports, findingKey } from '../../policy/findings/diff';
import type { Finding, ReportPage } from '../../policy/report/schema';
import { emptyReportPage, reportTracker } from './findings-helpers';

const f = (kind: string, evidence: Record<string, unknown>, vendor?: string): Finding => ({
  kind,
  severity: 'medium',
  evidence,
  ...(vendor ? { vendor } : {}),
});

describe('diffReports ("new since the previous visit")', () => {
  it('ignores volatile evidence (request URLs, counts) when comparing findings', () => {
    expect(findingKey(f('pii-leak', { field: 'phone', host: 'a', url: 'https://a/?rnd=1', requests: 1 }))).toBe(
      findingKey(f('pii-leak', { field: 'phone', host: 'a', url: 'https://a/?rnd=2', requests: 7 })),
    );
    expect(findingKey(f('pii-leak', { field: 'phone', encoding: 'md5' }))).not.toBe(
      findingKey(f('pii-leak', { field: 'phone', encoding: 'sha256' })),
    );
  });

  it('lists new and gone trackers, cookies and findings', () => {
    const prev: ReportPage = {
      ...emptyReportPage('https://pro-medika.ru/'),
      trackers: [reportTracker('ga')],
      findings: [f('before-consent', { before: 'none', url: 'x?1' }, 'ga'), f('insecure-form', { action: 'http://x/' })],
    };
    const cur: ReportPage = {
      ...emptyReportPage('https://pro-medika.ru/'),
      findings: [f('before-consent', { before: 'none', url: 'x?2' }, 'ga'), f('session-replay', { hosts: ['mc.yandex.ru'] }, 'metrica')],
    };
    const d = diffReports(prev, cur);
    expect(d.goneTrackers).toEqual(['ga']);
    expect(d.newTrackers).toEqual([]);
    expect(d.newFindings.map((x) => x.kind)).toEqual(['session-replay']);
    expect(d.resolvedFindings.map((x) => x.kind)).toEqual(['insecure-form']);
  });

  it('treats everything as new when there is no previous visit', () => {
    const cur = { ...emptyReportPage('https://pro-medika.ru/'), findings: [f('pii-leak', {})] };
    expect(diffReports(null, cur).newFindings).toHaveLength(1);
  });
});
