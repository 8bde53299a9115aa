import { existsSync, readFileSync, statSync } from 'node:fs';
import { checkBaseline, diffReports, layoutNote, versionNote, type AuditDiff, type DiffPart } from '../policy/diff';
import { ReportSchema, type Report } from '../policy/report/schema';
import { UsageError } from './urls-file';

/** A baseline report.json read and checked before any browser starts (issue #17). */
export interface Baseline {
  path: string;
  report: Report;
  parts: DiffPart[];
  notes: string[];
}

/** Reads --baseline; a missing, empty, corrupt or incompatible file is a one-line UsageError naming the fix. */
export function loadBaseline(path: string): Baseline {
  const fail = (what: string) => new UsageError(`--baseline ${path}: ${what}`);
  if (!existsSync(path)) throw fail("no such file. Fix: give the report.json of an earlier audit (e.g. the last release's CI artifact).");
  if (statSync(path).isDirectory()) throw fail('is a folder. Fix: give the report.json inside it.');
  const text = readFileSync(path, 'utf8').replace(/^\uFEFF/, '');
  if (!text.trim()) throw fail('is empty. Fix: give the report.json of an earlier audit; the file may have been cut off while copying.');
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw fail(`is not valid JSON (${String((e as Error).message).split('\n')[0]}). Fix: give the report.json of an earlier audit, whole.`);
  }
  const compat = checkBaseline(raw, { schemaVersion: 1 });
  if (!compat.ok) throw fail(compat.error);
  const parsed = ReportSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw fail(
      `is not a report.json (${issue.path.join('.') || 'top level'}: ${issue.message}). Fix: give the report.json an earlier audit wrote, unedited.`,
    );
  }
  return { path, report: parsed.data, parts: compat.parts, notes: compat.notes };
}

/** The diff of the current report against the baseline, with its one-line notes. */
export function compareWithBaseline(baseline: Baseline, current: Report, opts: { onlyCurrentPages?: boolean } = {}): AuditDiff {
  const notes = [...baseline.notes];
  const v = versionNote(baseline.report.extensionVersion, current.extensionVersion);
  if (v) notes.unshift(v);
  const l = layoutNote(baseline.report.options, current.options);
  if (l) notes.push(l);
  return diffReports(baseline.report, current, { parts: baseline.parts, notes, onlyCurrentPages: opts.onlyCurrentPages });
}
