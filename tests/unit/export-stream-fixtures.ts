/** Shared by the export stream's tests (worker-written and fed exports): pages, their fragments, the expected files. */
import { buildSynthetic, syntheticPage } from '../../bench/synthetic';
import { reportHeader } from '../../components/audit/model';
import type { FragmentReader } from '../../adapters/export-stream';
import { csvExporter, htmlExporter, jsonExporter, type CsvPart } from '../../policy/export';
import { recordFragments, type ExportFile } from '../../policy/history/fragments';
import type { ExportJob } from '../../policy/messages';
import type { ReportPage } from '../../policy/report/schema';

export const HEADER = reportHeader({ extensionVersion: '0.1.0', generatedAt: new Date(Date.UTC(2026, 10, 29, 12)) });
export const ORIGIN = 'chrome-extension://abcdefghijklmnop';

export const PAGES: ReportPage[] = [
  { trackers: 2, cookies: 5, requests: 10 },
  { trackers: 8, cookies: 20, requests: 60 },
  { trackers: 20, cookies: 60, requests: 200, url: 'https://pro-medika.ru/services/urologiya/' },
  { trackers: 1, cookies: 0, requests: 1, title: '<script>alert(1)</script> Урология' },
].map((o) => buildSynthetic(syntheticPage(o)).page);
export const FRAGS = PAGES.map((p) => recordFragments(p));
export const IDS = PAGES.map((_, i) => `id-${i}`);

/** What the exporters write for the pages (the CSV with the BOM the download carries). */
export function expected(file: ExportFile, pages: readonly ReportPage[] = PAGES): string {
  const out: string[] = [];
  if (file === 'json') {
    const x = jsonExporter(HEADER, (c) => out.push(c));
    x.add(pages);
    x.end();
    return out.join('');
  }
  if (file === 'html') {
    const x = htmlExporter(HEADER, (c) => out.push(c));
    x.add(pages);
    return x.end() + out.join('');
  }
  const x = csvExporter({ [file]: (c: string) => out.push(c) } as Partial<Record<CsvPart, (c: string) => void>>);
  x.add(pages);
  x.end();
  return `\ufeff${out.join('')}`;
}

/** A store reader over fragments by id, in batches of `size` (undefined for unknown ids). */
export function reader(byId: Map<string, unknown>, size = 2, calls?: { batches: number }): FragmentReader {
  return async (_file, ids, onBatch) => {
    for (let i = 0; i < ids.length; i += size) {
      if (calls) calls.batches += 1;
      await onBatch(ids.slice(i, i + size).map((id) => byId.get(id)));
    }
    return { computed: 0 };
  };
}

export function job(file: ExportFile, over: Partial<ExportJob> = {}): ExportJob {
  return { id: `job-${file}`, file, name: `pro-medika-audit-2026-11-29T12-00-00.${file === 'json' ? 'json' : file === 'html' ? 'html' : 'csv'}`, ids: IDS, header: HEADER, ...over };
}

export function post(body: unknown, url = `${ORIGIN}/export/x`): Request {
  const form = new FormData();
  form.set('job', typeof body === 'string' ? body : JSON.stringify(body));
  return new Request(url, { method: 'POST', body: form });
}

