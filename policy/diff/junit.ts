import { FINDING_KINDS } from '../findings/types';
import type { Report, ReportPage } from '../report/schema';
import { normaliseUrl } from './normalise';
import { pageRegressions, REGRESSION_CHECKS, type Regression } from './regressions';
import type { AuditDiff } from './schema';

/**
 * junit.xml (issue #17): one <testsuite> per page, one <testcase> per check. A finding-kind
 * check fails when the page has findings of that kind; with a baseline, a regression check
 * (new-tracker, new-third-party, new-finding, disclosure-worse, cookie-weakened) fails when
 * the page regressed. A page the audit could not open is one <error>. Valid against the
 * Jenkins xUnit plugin's junit-10.xsd (tests/unit/junit/, tests/unit/audit-junit.test.ts).
 */

/** Characters XML 1.0 cannot carry at all (control characters, lone surrogates) are dropped; markup characters escaped. */
export function xmlEscape(s: string): string {
  return s
    .replace(/[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

interface Case {
  name: string;
  failure?: { message: string; body: string };
  error?: string;
}

const attr = (name: string, value: string | number) => ` ${name}="${xmlEscape(String(value))}"`;

function findingCases(page: ReportPage): Case[] {
  const kinds = [
    ...FINDING_KINDS,
    ...new Set(page.findings.map((f) => f.kind).filter((k) => !(FINDING_KINDS as readonly string[]).includes(k))),
  ];
  return kinds.map((kind) => {
    const found = page.findings.filter((f) => f.kind === kind);
    if (!found.length) return { name: `finding: ${kind}` };
    const lines = found.map((f) => `${f.severity} ${f.vendor ?? '-'}${f.title ? `: ${f.title.en}` : ''}`);
    return { name: `finding: ${kind}`, failure: { message: `${found.length} ${kind} finding(s)`, body: lines.join('\n') } };
  });
}

function regressionCases(regs: Regression[]): Case[] {
  return REGRESSION_CHECKS.map((check) => {
    const hits = regs.filter((r) => r.check === check);
    const name = `baseline: ${check}`;
    if (!hits.length) return { name };
    return { name, failure: { message: `${hits.length} ${check} against the baseline`, body: hits.map((h) => h.item).join('\n') } };
  });
}

function suite(page: ReportPage, cases: Case[], timestamp: string): string {
  const failures = cases.filter((c) => c.failure).length;
  const errors = cases.filter((c) => c.error).length;
  const body = cases
    .map((c) => {
      const open = `    <testcase${attr('name', c.name)}${attr('classname', page.url)}`;
      if (c.error) return `${open}>\n      <error${attr('message', c.error)}${attr('type', 'page-error')}/>\n    </testcase>`;
      if (c.failure)
        return `${open}>\n      <failure${attr('message', c.failure.message)}${attr('type', c.name)}>${xmlEscape(c.failure.body)}</failure>\n    </testcase>`;
      return `${open}/>`;
    })
    .join('\n');
  return `  <testsuite${attr('name', page.url)}${attr('tests', cases.length)}${attr('failures', failures)}${attr('errors', errors)}${attr('skipped', 0)}${attr('timestamp', timestamp)}>\n${body}\n  </testsuite>`;
}

export function toJunit(report: Report, diff?: AuditDiff): string {
  const byUrl = new Map((diff?.pages ?? []).map((p) => [normaliseUrl(p.url), p]));
  const suites = report.pages.map((page) => {
    if (page.error) return suite(page, [{ name: 'audit', error: page.error }], report.generatedAt);
    const pd = byUrl.get(normaliseUrl(page.url));
    const cases = [...findingCases(page), ...(diff ? regressionCases(pd ? pageRegressions(pd) : []) : [])];
    return suite(page, cases, report.generatedAt);
  });
  const tests = (s: string, re: RegExp) => (s.match(re) ?? []).length;
  const all = suites.join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites${attr('name', 'Tracker Lens audit')}${attr('tests', tests(all, /<testcase /g))}${attr('failures', tests(all, /<failure /g))}${attr('errors', tests(all, /<error /g))}>\n${all}\n</testsuites>\n`;
}
