/**
 * npm run bench [-- --only a,b]: runs the benchmarks, prints one table (name, value, unit,
 * target, ratio to the target, pass), writes bench/results.json (the one home of the figures)
 * and the table in docs/benchmarks.md generated from it (`-- --table` only regenerates that table). Benchmarks measure; a
 * missed target is reported, never an error: the exit code is 0 unless the harness itself
 * breaks (a benchmark that throws is reported as an error row and makes the exit code 1).
 * Builds the extension first when .output is missing.
 */
import { execFileSync } from 'node:child_process';
import { cpus, totalmem } from 'node:os';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ReportPage } from '../policy/report/schema';
import { chromiumPath } from '../audit/launch';
import { benchClassify } from './classify';
import { benchPageLoad } from './pageload';
import { benchPopup } from './popup';
import { benchSwMemory } from './sw-memory';
import { benchColdStart } from './cold-start';
import { benchBundle } from './bundle';
import { benchAudit } from './audit';
import { benchFindings } from './findings';
import { benchExport } from './export';
import { benchAuditPage } from './audit-page';
import { ensureBuilds, nowMs, round, ROOT, type BenchRow } from './util';

interface Shared {
  replicaPages?: ReportPage[];
}

/** In run order: audit before export and audit-page, which reuse its replica reports. */
const BENCHES: { id: string; title: string; browser: boolean; run: (s: Shared) => Promise<BenchRow[]> }[] = [
  { id: 'classify', title: 'classification (ours vs @ghostery/adblocker)', browser: false, run: () => benchClassify() },
  { id: 'bundle', title: 'bundle sizes (store build)', browser: false, run: () => benchBundle() },
  { id: 'findings', title: 'findings engine', browser: false, run: () => benchFindings() },
  { id: 'popup', title: 'popup render (100 trackers, 300 cookies)', browser: true, run: () => benchPopup() },
  { id: 'pageload', title: 'page-load overhead on the replica', browser: true, run: () => benchPageLoad() },
  { id: 'sw-memory', title: 'service-worker memory after 10,000 requests', browser: true, run: () => benchSwMemory() },
  { id: 'cold-start', title: 'service-worker cold start (stopAllWorkers, then a page load)', browser: true, run: () => benchColdStart() },
  { id: 'audit', title: 'audit throughput on the replica', browser: true, run: (s) => benchAudit(s) },
  { id: 'export', title: 'export of 10,000 records; bytes per record', browser: true, run: (s) => benchExport(s) },
  { id: 'audit-page', title: 'audit page first render, 10,000 records', browser: true, run: (s) => benchAuditPage(s) },
];

export interface ResultRow extends BenchRow {
  bench: string;
  /** value / target.value (for ">=" targets: target.value / value), so <= 1 always means met. */
  ratio: number | null;
  pass: boolean | null;
  /** When the row was measured (ISO): a partial run keeps the other benchmarks' rows with their own dates. */
  measuredAt?: string;
}

export function judge(bench: string, r: BenchRow): ResultRow {
  if (!r.target || r.value === null || !Number.isFinite(r.value)) return { ...r, bench, ratio: null, pass: null };
  const ratio = r.target.op === '<=' ? r.value / r.target.value : r.target.value / r.value;
  const pass = r.target.op === '<=' ? r.value <= r.target.value : r.value >= r.target.value;
  return { ...r, bench, ratio: round(ratio, 3), pass };
}

function parseOnly(argv: string[]): Set<string> | null {
  const i = argv.findIndex((a) => a === '--only' || a.startsWith('--only='));
  if (i < 0) return null;
  const raw = argv[i].includes('=') ? argv[i].split('=')[1] : argv[i + 1];
  const ids = new Set(
    (raw ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  );
  const unknown = [...ids].filter((id) => !BENCHES.some((b) => b.id === id));
  if (unknown.length || !ids.size) {
    console.error(`--only: unknown benchmark ${unknown.join(', ') || '(none given)'}; choose from ${BENCHES.map((b) => b.id).join(', ')}`);
    process.exit(2);
  }
  return ids;
}

function chromiumVersion(): string {
  try {
    return execFileSync(chromiumPath(), ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return 'unknown';
  }
}

function fmt(v: number | null): string {
  if (v === null) return '-';
  return String(v);
}

function printTable(rows: ResultRow[]): void {
  const head = ['bench', 'name', 'value', 'unit', 'target', 'ratio', 'pass'];
  const cells = rows.map((r) => [
    r.bench,
    r.name,
    fmt(r.value),
    r.unit,
    r.target ? `${r.target.op} ${r.target.value}` : '',
    r.ratio === null ? '' : String(r.ratio),
    r.pass === null ? '' : r.pass ? 'yes' : 'NO',
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (c: string[]) => c.map((x, i) => (i === 2 || i === 5 ? x.padStart(widths[i]) : x.padEnd(widths[i]))).join('  ');
  console.log(line(head));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const c of cells) console.log(line(c));
  const notes = rows.filter((r) => r.note);
  if (notes.length) {
    console.log('\nnotes:');
    for (const r of notes) console.log(`  ${r.bench} / ${r.name}: ${r.note}`);
  }
}

const RESULTS = join(ROOT, 'bench', 'results.json');
const DOC = join(ROOT, 'docs', 'benchmarks.md');
const TABLE_START = '<!-- results table: written by npm run bench from bench/results.json -->';
const TABLE_END = '<!-- end of results table -->';

/** docs/benchmarks.md's results table, from bench/results.json (the text around it is kept). */
export function writeResultsTable(): void {
  const { date, machine, totalSeconds, rows } = JSON.parse(readFileSync(RESULTS, 'utf8')) as {
    date: string;
    machine: Record<string, unknown>;
    totalSeconds: number;
    rows: ResultRow[];
  };
  const num = (v: number | null) => (v === null ? '' : v.toLocaleString('en-US', { maximumFractionDigits: 3 }));
  const lines = [
    `Last run ${date} (${totalSeconds} s): ${machine.nproc} CPUs (${machine.cpu}), ${machine.memGB} GB, ${machine.chromium}, Node ${machine.node}.`,
    "Each row gives the day it was measured: a partial run (`--only`) replaces only its own benchmarks' rows.",
    '',
    '| benchmark | figure | value | target | ratio | met | measured |',
    '|---|---|---:|---|---:|---|---|',
    ...rows
      .map((r, i) =>
        [
          r.bench === rows[i - 1]?.bench ? '' : r.bench,
          r.name,
          `${num(r.value)} ${r.unit}`.trim(),
          r.target ? `${r.target.op} ${num(r.target.value)}` : '',
          num(r.ratio),
          r.pass === null ? '' : r.pass ? 'yes' : 'no',
          (r.measuredAt ?? date).slice(0, 10),
        ].join(' | '),
      )
      .map((l) => `| ${l} |`),
  ];
  const doc = readFileSync(DOC, 'utf8');
  const start = doc.indexOf(TABLE_START);
  const end = doc.indexOf(TABLE_END);
  if (start < 0 || end < start) throw new Error(`${DOC}: the results table markers are missing`);
  writeFileSync(DOC, `${doc.slice(0, start + TABLE_START.length)}\n${lines.join('\n')}\n${doc.slice(end)}`);
}

async function main(): Promise<number> {
  if (process.argv.includes('--table')) {
    writeResultsTable();
    return 0;
  }
  const only = parseOnly(process.argv.slice(2));
  const selected = BENCHES.filter((b) => !only || only.has(b.id));
  if (selected.some((b) => b.browser || b.id === 'bundle')) ensureBuilds();
  const shared: Shared = {};
  const rows: ResultRow[] = [];
  let broken = false;
  const t0 = nowMs();
  for (const b of selected) {
    const t = nowMs();
    process.stderr.write(`bench ${b.id}: ${b.title} ... `);
    try {
      for (const r of await b.run(shared)) rows.push(judge(b.id, r));
      process.stderr.write(`${round((nowMs() - t) / 1000, 1)} s\n`);
    } catch (e) {
      broken = true;
      const msg = String((e as Error)?.stack ?? e)
        .split('\n')
        .slice(0, 3)
        .join(' | ');
      process.stderr.write(`error\n`);
      rows.push({ bench: b.id, name: 'harness error', value: null, unit: '', ratio: null, pass: null, note: msg });
    }
  }
  const machine = {
    nproc: cpus().length,
    cpu: cpus()[0]?.model ?? 'unknown',
    memGB: round(totalmem() / 1024 ** 3, 1),
    node: process.version,
    chromium: chromiumVersion(),
  };
  const totalS = round((nowMs() - t0) / 1000, 1);
  console.log(
    `\nTracker Lens benchmarks, ${new Date().toISOString()}, ${machine.nproc} CPUs (${machine.cpu}), ${machine.chromium}, Node ${machine.node}; ${totalS} s\n`,
  );
  printTable(rows);
  // A partial run (--only) replaces its benchmarks' rows in the last results and keeps the rest.
  const file = RESULTS;
  // Kept rows keep their date; rows of benchmarks that no longer exist are dropped.
  const runAt = new Date().toISOString();
  let kept: ResultRow[] = [];
  if (only && existsSync(file)) {
    try {
      const last = JSON.parse(readFileSync(file, 'utf8')) as { date: string; rows: ResultRow[] };
      kept = last.rows
        .filter((r) => !only.has(r.bench) && BENCHES.some((b) => b.id === r.bench))
        .map((r) => ({ ...r, measuredAt: r.measuredAt ?? last.date }));
    } catch {
      kept = [];
    }
  }
  for (const r of rows) r.measuredAt = runAt;
  const order = new Map(BENCHES.map((b, i) => [b.id, i]));
  const all = [...kept, ...rows].sort((a, b) => (order.get(a.bench) ?? 99) - (order.get(b.bench) ?? 99));
  writeFileSync(
    file,
    `${JSON.stringify({ date: runAt, machine, totalSeconds: totalS, selected: selected.map((b) => b.id), rows: all }, null, 2)}\n`,
  );
  writeResultsTable();
  return broken ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
