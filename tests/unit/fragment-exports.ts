import type { IDBPDatabase } from 'idb';
import { CSV_PARTS, csvExporter, htmlExporter, jsonExporter } from '../../policy/export';
import { EXPORT_FILES, exportPage, fileFormat, fragmentAssembler, type ExportFile } from '../../policy/history/fragments';
import type { Report, ReportPage } from '../../policy/report/schema';
import type { TrackerLensDB } from '../../store/db';
import { readFragments, readHistory, type ReadFragmentsOptions } from '../../store/history';

/**
 * An export two ways (issue #5), for the store's tests: from the records as they read back
 * (the streaming exporters, the export before fragments) and from the stored export fragments
 * (store/history.ts readFragments, one file at a time, through fragmentAssembler). The bytes
 * must be the same.
 */

export const HEADER: Omit<Report, 'pages'> = { schemaVersion: 1, generatedAt: '2026-01-01T00:00:00.000Z', extensionVersion: '0.1.0', options: { source: 'history' } };

export interface Exported {
  json: string;
  html: string;
  csv: Record<string, string>;
}

/** What the streaming exporters write for these pages. */
export function exportedPages(pages: ReportPage[], header = HEADER): Exported {
  let json = '';
  const j = jsonExporter(header, (c) => void (json += c));
  j.add(pages);
  j.end();
  let body = '';
  const h = htmlExporter(header, (c) => void (body += c));
  h.add(pages);
  const html = h.end() + body;
  const csv: Record<string, string> = Object.fromEntries(CSV_PARTS.map((p) => [p, '']));
  const c = csvExporter(Object.fromEntries(CSV_PARTS.map((p) => [p, (s: string) => void (csv[p] += s)])));
  c.add(pages);
  c.end();
  return { json, html, csv };
}

/** The export of the records by id, read back (ids that are gone are left out). */
export async function fromRecords(db: IDBPDatabase<TrackerLensDB>, ids: readonly string[], header = HEADER): Promise<Exported> {
  const pages: ReportPage[] = [];
  await readHistory(ids, (recs) => void pages.push(...recs.map(exportPage)), { db });
  return exportedPages(pages, header);
}

export interface FromFragments extends Exported {
  /** The most records any one file skipped (gone, or fragments that do not inflate). */
  skipped: number;
  /** The most records any one file computed (no stored fragments). */
  computed: number;
  computedBy: Record<ExportFile, number>;
}

/** The export of the records by id from their stored fragments, each file read on its own. */
export async function fromFragments(db: IDBPDatabase<TrackerLensDB>, ids: readonly string[], opts: Omit<ReadFragmentsOptions, 'db'> = {}, header = HEADER): Promise<FromFragments> {
  const out: FromFragments = { json: '', html: '', csv: {}, skipped: 0, computed: 0, computedBy: {} as Record<ExportFile, number> };
  const text = (parts?: Uint8Array[]) => new TextDecoder().decode(Buffer.concat(parts ?? []));
  for (const file of EXPORT_FILES) {
    const x = fragmentAssembler(fileFormat(file), header);
    const r = await readFragments(file, ids, (items) => x.add(items), { db, batchSize: 2, ...opts });
    out.computedBy[file] = r.computed;
    out.computed = Math.max(out.computed, r.computed);
    const done = x.end();
    out.skipped = Math.max(out.skipped, done.skipped);
    if (file === 'json' || file === 'html') out[file] = text(done.files[file]);
    else out.csv[file] = text(done.files[file]);
  }
  return out;
}
