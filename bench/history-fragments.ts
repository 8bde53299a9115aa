/**
 * The export fragments of the benchmark history (bench/history-data.ts), written into the
 * extension's IndexedDB store "export-fragments" (schema v6) as store/history.ts writes them
 * (issue #5): for record i, the fragments of the record as it reads back (hydrateStored of
 * storedRecord(i) with the history's texts, then exportPage), split by export file
 * (splitFragments), 100 records per bucket: one value per (file, bucket), every record in
 * every file (empty CSV tables as n 0). Computing 10,000 takes tens of seconds in Node (what
 * the background pays once per page load, spread over time); the buckets go to the page one
 * at a time, their bytes as base64.
 */
import type { Page } from '@playwright/test';
import { EXPORT_FILES, exportPage, fragmentsBytes, recordFragments, splitFragments, type RecordFragments } from '../policy/history/fragments';
import type { ExportFragmentBucket, ExportFragmentItem } from '../policy/history/schema';
import { SUMMARY_BUCKET_SIZE, type TextValue } from '../policy/history/schema';
import { hydrateStored } from '../policy/history/slim';
import type { ReportPage } from '../policy/report/schema';
import { RECORDS, storedRecord, type StoredHistory } from './history-data';

/** Record i's fragments, as the store computes them when it writes the record. */
export function benchFragments(h: StoredHistory, pages: readonly ReportPage[], i: number, texts: Map<string, TextValue>): RecordFragments {
  const rec = hydrateStored(storedRecord(h, pages, i), (k) => texts.get(k));
  if (!rec) throw new Error(`bench history record ${i} does not read back`);
  return recordFragments(exportPage(rec));
}

/** JSON with every Uint8Array as {"$b64": ...}, revived in the page. */
function encode(value: unknown): string {
  return JSON.stringify(value, (_k, v) => (v instanceof Uint8Array ? { $b64: Buffer.from(v).toString('base64') } : v));
}

/** Writes the fragments of records 0..n-1; adds their bytes to the stored totals. Returns the bytes. */
export async function writeFragments(page: Page, h: StoredHistory, pages: readonly ReportPage[], n = RECORDS): Promise<number> {
  const texts = new Map(h.texts.map((e) => [e.key, e.value] as [string, TextValue]));
  let bytes = 0;
  for (let b = 0; b * SUMMARY_BUCKET_SIZE < n; b++) {
    const values: ExportFragmentBucket[] = EXPORT_FILES.map((file) => ({ file, bucket: b, items: [] as ExportFragmentItem[] }));
    for (let i = b * SUMMARY_BUCKET_SIZE; i < Math.min(n, (b + 1) * SUMMARY_BUCKET_SIZE); i++) {
      const f = benchFragments(h, pages, i, texts);
      // The store counts a record's fragments in its bytes by fragmentsBytes (store/db.ts v6).
      bytes += fragmentsBytes(f);
      const id = storedRecord(h, pages, i).id;
      const split = splitFragments(f);
      for (const v of values) v.items.push({ id, ...split[v.file] });
    }
    const last = (b + 1) * SUMMARY_BUCKET_SIZE >= n;
    // The last bucket also adds every bucket's bytes to the stored totals, in its transaction.
    await page.evaluate(
      async ([json, extra]) => {
        const values = JSON.parse(json, (_k, v) => (v && typeof v === 'object' && typeof v.$b64 === 'string' ? Uint8Array.from(atob(v.$b64), (c) => c.charCodeAt(0)) : v)) as unknown[];
        const db = await new Promise<IDBDatabase>((res, rej) => {
          const r = indexedDB.open('tracker-lens');
          r.onsuccess = () => res(r.result);
          r.onerror = () => rej(r.error);
        });
        await new Promise<void>((res, rej) => {
          const tx = db.transaction(['export-fragments', 'meta'], 'readwrite');
          for (const v of values) tx.objectStore('export-fragments').put(v);
          if (extra) {
            const meta = tx.objectStore('meta');
            const get = meta.get('history-totals');
            get.onsuccess = () => {
              const t = get.result as { key: string; count: number; bytes: number } | undefined;
              if (t) meta.put({ ...t, bytes: t.bytes + extra });
            };
          }
          tx.oncomplete = () => res();
          tx.onerror = () => rej(tx.error);
        });
        db.close();
      },
      [encode(values), last ? bytes : 0] as const,
    );
  }
  return bytes;
}
