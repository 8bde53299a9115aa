import { DB_NAME, DB_VERSION } from './db-name';
import { openIfPresent, readAllIfPresent } from './read-if-present';

/**
 * Every history row (store "rows"), raw, for request.html: the letter needs only the
 * observed trackers, so the page reads them without store/db.ts, the history store or zod
 * (budget 40 KB gzip, issue #14); the caller checks each row. A database older than this
 * build's schema is read through store/history.ts, after store/db.ts upgraded it.
 */
export async function readHistoryRows(name: string = DB_NAME): Promise<unknown[]> {
  const db = await openIfPresent(name);
  if (!db) return [];
  const old = db.version < DB_VERSION;
  db.close();
  if (!old) return readAllIfPresent('rows', name);
  const [{ listSummaries }, { openTrackerDb }] = await Promise.all([import('./history'), import('./db')]);
  const upgraded = await openTrackerDb(name);
  try {
    return (await listSummaries({ db: upgraded })).summaries;
  } finally {
    upgraded.close();
  }
}
