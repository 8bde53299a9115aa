import type { IDBPDatabase } from 'idb';
import { trackerDb, type TrackerLensDB } from './db';
import { PendingPageSchema, type PendingPage } from './pending-schema';

export { PendingPageSchema, type PendingPage };

/**
 * Finished page loads waiting to become history records (store "pending", store/db.ts v3).
 * The background queues a page when it ends (one structured-clone write) and builds the
 * history record later, when the browser is idle, so the build never competes with the
 * next page's load (issue #2 page-load overhead). IndexedDB, not storage.session: a queued
 * page survives a browser restart and is drained by the next worker.
 */
type Db = IDBPDatabase<TrackerLensDB>;

export async function queuePending(page: PendingPage, db?: Db): Promise<void> {
  await (db ?? (await trackerDb())).put('pending', page);
}

/**
 * Every queued page, oldest first. A record that no longer validates is deleted and
 * counted, never built half-broken.
 */
export async function listPending(db?: Db): Promise<{ pages: PendingPage[]; dropped: number }> {
  const d = db ?? (await trackerDb());
  const raw = await d.getAll('pending');
  const pages: PendingPage[] = [];
  let dropped = 0;
  for (const r of raw) {
    const parsed = PendingPageSchema.safeParse(r);
    if (parsed.success) pages.push(parsed.data);
    else {
      dropped += 1;
      const id = (r as { pageId?: unknown } | null)?.pageId;
      if (typeof id === 'string') await d.delete('pending', id);
    }
  }
  pages.sort((a, b) => a.endedAt - b.endedAt);
  return { pages, dropped };
}

export async function countPending(db?: Db): Promise<number> {
  return (db ?? (await trackerDb())).count('pending');
}

export async function deletePending(pageId: string, db?: Db): Promise<void> {
  await (db ?? (await trackerDb())).delete('pending', pageId);
}
