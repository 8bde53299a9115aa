import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { toCsv, toHtml } from '../policy/export';
import type { Report } from '../policy/report/schema';
import type { AuditDiff } from '../policy/diff/schema';
import { withDiffSection } from '../policy/diff/html';
import { toJunit } from '../policy/diff/junit';
import { UsageError } from './urls-file';

/** `--format json,csv,html,junit`: report.json is always written; csv, html and junit (junit.xml) add files. */
export const FORMATS = ['json', 'csv', 'html', 'junit'] as const;
export type Format = (typeof FORMATS)[number];

export function parseFormats(value: string): Format[] {
  const parts = value
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);
  const bad = parts.filter((p) => !(FORMATS as readonly string[]).includes(p));
  if (bad.length)
    throw new UsageError(
      `--format: unknown format ${bad.map((b) => `"${b}"`).join(', ')}. Fix: use a comma list of ${FORMATS.join(', ')}.`,
    );
  return [...new Set<Format>(['json', ...(parts as Format[])])];
}

/** Writes the extra formats next to report.json; returns the paths written. With a baseline's diff, HTML and JUnit show the changes. */
export function writeFormats(report: Report, out: string, formats: readonly Format[], diff?: AuditDiff): string[] {
  const written: string[] = [];
  if (formats.includes('csv')) {
    const csv = toCsv(report);
    for (const name of ['pages', 'cookies', 'requests', 'findings'] as const) {
      const path = join(out, `${name}.csv`);
      // BOM: spreadsheet programs then read the Cyrillic text as UTF-8.
      writeFileSync(path, `\uFEFF${csv[name]}`);
      written.push(path);
    }
  }
  if (formats.includes('html')) {
    const path = join(out, 'report.html');
    const html = toHtml(report, { title: 'Tracker Lens: отчёт аудита / audit report' });
    writeFileSync(path, diff ? withDiffSection(html, diff) : html);
    written.push(path);
  }
  if (formats.includes('junit')) {
    const path = join(out, 'junit.xml');
    writeFileSync(path, toJunit(report, diff));
    written.push(path);
  }
  return written;
}
