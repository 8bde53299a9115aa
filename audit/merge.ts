import { existsSync, readFileSync } from 'node:fs';
import { Command } from 'commander';
import { normaliseUrl } from '../policy/diff/normalise';
import { otherFileKind } from '../policy/diff/compat';
import { ReportSchema, type Report, type ReportPage } from '../policy/report/schema';
import { loadBaseline, type Baseline } from './baseline';
import { parseFailOn, type FailOn } from './fail-on';
import { parseFormats, type Format } from './formats';
import { UsageError } from './urls-file';

/**
 * `npm run audit -- merge <report.json>... --out <dir>` (issue #17): the shard reports of one
 * audit combined into the report one run over the whole URL list would have written; the
 * command then writes diff.json, junit.xml and report.html from it exactly as a run does.
 */

interface ShardInfo {
  index: number;
  count: number;
  seedPages: number;
}

function shardOf(r: Report): ShardInfo | undefined {
  const s = r.options?.shard as Partial<ShardInfo> | undefined;
  return s && Number.isInteger(s.index) && Number.isInteger(s.count) && Number.isInteger(s.seedPages) ? (s as ShardInfo) : undefined;
}

export function readReport(path: string): Report {
  const fail = (what: string) => new UsageError(`merge: ${path}: ${what}`);
  if (!existsSync(path)) throw fail('no such file. Fix: give the report.json each shard wrote.');
  const text = readFileSync(path, 'utf8').replace(/^\uFEFF/, '');
  if (!text.trim()) throw fail('is empty. Fix: give the report.json each shard wrote, whole.');
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw fail(`is not valid JSON (${String((e as Error).message).split('\n')[0]}). Fix: give the report.json each shard wrote, whole.`);
  }
  const other = typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? otherFileKind(raw as Record<string, unknown>) : null;
  if (other) throw fail(other.replace('next to it', 'by the shard'));
  const parsed = ReportSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw fail(
      `is not a report.json this command reads (${issue.path.join('.') || 'top level'}: ${issue.message}). Fix: audit every shard with this version of the command.`,
    );
  }
  return parsed.data;
}

/** Combines shard reports; throws a UsageError when they do not belong to one audit. */
export function mergeReports(reports: readonly Report[]): Report {
  if (reports.length === 0) throw new UsageError('merge: no reports. Fix: give the report.json of every shard.');
  const withPages = reports.filter((r) => r.pages.length > 0);
  const versions = [...new Set(withPages.map((r) => r.extensionVersion))];
  if (versions.length > 1)
    throw new UsageError(
      `merge: the shards ran different extension versions (${versions.join(', ')}). Fix: audit every shard with the same build.`,
    );
  const shards = reports.map(shardOf);
  let ordered: ReportPage[];
  if (shards.every((s) => s)) {
    const count = shards[0]!.count;
    if (shards.some((s) => s!.count !== count))
      throw new UsageError(
        'merge: the reports come from different shard counts. Fix: give the shards of one audit (all --shard i/n with the same n).',
      );
    const byIndex = new Map<number, { report: Report; shard: ShardInfo }>();
    reports.forEach((report, i) => {
      const shard = shards[i]!;
      if (byIndex.has(shard.index))
        throw new UsageError(`merge: shard ${shard.index}/${count} is given twice. Fix: give each shard's report.json once.`);
      byIndex.set(shard.index, { report, shard });
    });
    const missing = Array.from({ length: count }, (_, i) => i + 1).filter((i) => !byIndex.has(i));
    if (missing.length)
      throw new UsageError(`merge: shard(s) ${missing.join(', ')} of ${count} missing. Fix: give the report.json of every shard.`);
    const parts = [...byIndex.entries()].sort((a, b) => a[0] - b[0]).map(([, v]) => v);
    // Seeds were dealt in turn (audit/shard.ts): deal them back, then the pages each shard's crawl found.
    ordered = [];
    const rounds = Math.max(...parts.map((p) => p.shard.seedPages));
    for (let j = 0; j < rounds; j++) for (const p of parts) if (j < p.shard.seedPages) ordered.push(p.report.pages[j]);
    for (const p of parts) ordered.push(...p.report.pages.slice(p.shard.seedPages));
  } else if (shards.some((s) => s)) {
    throw new UsageError('merge: some reports come from --shard runs and some do not. Fix: give the shards of one audit.');
  } else {
    // Reports of separate runs (not shards) are joined only when they audited different pages:
    // the same page in two of them is two audits of it (another release, say), not one.
    ordered = reports.flatMap((r) => r.pages);
    const first = new Map<string, number>();
    reports.forEach((r, i) => {
      for (const p of r.pages) {
        const k = normaliseUrl(p.url);
        const j = first.get(k);
        if (j !== undefined && j !== i)
          throw new UsageError(
            `merge: ${p.url} is in two of the reports (${j + 1} and ${i + 1}), which are not shards of one audit. Fix: give the report.json of each --shard i/n run of one audit; to compare two audits, use --baseline.`,
          );
        first.set(k, i);
      }
    });
  }
  // A page two shards both reached (a crawl) is kept once, as the first shard saw it.
  const seen = new Set<string>();
  const pages = ordered.filter((p) => {
    const key = normaliseUrl(p.url);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  const first = reports[0];
  const { shard: _shard, ...options } = (first.options ?? {}) as Record<string, unknown>;
  const concurrency = Math.max(...reports.map((r) => Number(r.options?.concurrency) || 0));
  const interrupted = reports.some((r) => r.options?.interrupted === true);
  const generatedAt = reports
    .map((r) => r.generatedAt)
    .sort()
    .at(-1)!;
  return ReportSchema.parse({
    schemaVersion: 1,
    generatedAt,
    extensionVersion: versions[0] ?? first.extensionVersion,
    ...(first.site ? { site: first.site } : {}),
    options: {
      ...options,
      ...(concurrency ? { concurrency } : {}),
      ...(interrupted ? { interrupted: true } : {}),
      mergedShards: reports.length,
    },
    pages,
  });
}

export interface MergeOptions {
  files: string[];
  out: string;
  formats: Format[];
  baseline?: Baseline;
  failOn?: FailOn;
}

export function parseMergeCli(argv: string[], quiet = true): MergeOptions {
  const program = new Command()
    .name('npm run audit -- merge')
    .description(
      'Combine the report.json files of --shard runs into one report, with diff.json, junit.xml and report.html as one run writes them',
    )
    .argument('<report.json...>', 'the report.json of every shard')
    .option('--out <dir>', 'output folder', './audit-report')
    .option('--format <list>', 'output formats: json (always), csv, html, junit', (v) => parseFormats(v), ['json'] as Format[])
    .option('--baseline <report.json>', "compare with an earlier audit's report.json (writes diff.json)")
    .option('--fail-on <kinds>', 'as for the audit: finding kinds, "any", or regressions against --baseline', (v) => parseFailOn(v))
    .exitOverride()
    .configureOutput({ writeErr: () => {}, writeOut: quiet ? () => {} : (s) => process.stdout.write(s) });
  program.parse(argv, { from: 'user' });
  const o = program.opts<{ out: string; format: Format[]; baseline?: string; failOn?: FailOn }>();
  if (o.failOn?.checks?.length && !o.baseline)
    throw new UsageError('--fail-on regressions compare with a baseline. Fix: add --baseline <report.json of an earlier audit>.');
  return {
    files: [...program.args],
    out: o.out,
    formats: o.format,
    baseline: o.baseline === undefined ? undefined : loadBaseline(o.baseline),
    failOn: o.failOn,
  };
}
