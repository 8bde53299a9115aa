import { DB_NAME } from './db-name';

/**
 * Every value of one object store, read without store/db.ts: for the popup, whose bundle
 * must stay under 30 KB gzip (issue #2). store/db.ts carries the v6 migration and the history's types.
 *
 * The database is opened at whatever version it has and never created or upgraded here: when
 * it does not exist yet, the upgrade to version 1 is aborted (the database is then not
 * created, IndexedDB 3.0 "abort an upgrade transaction") and the answer is empty; a store the
 * database does not have (yet) is empty too. The connection closes right after the read, and
 * at once when another page needs to upgrade the database. Values are handed over raw: the
 * caller checks them.
 */
export function readAllIfPresent(storeName: string, name: string = DB_NAME): Promise<unknown[]> {
  return openIfPresent(name).then(
    (db) =>
      new Promise((resolve, reject) => {
        if (!db) return resolve([]);
        if (!db.objectStoreNames.contains(storeName)) {
          db.close();
          resolve([]);
          return;
        }
        const get = db.transaction(storeName, 'readonly').objectStore(storeName).getAll();
        get.onsuccess = () => {
          db.close();
          resolve(get.result as unknown[]);
        };
        get.onerror = () => {
          db.close();
          reject(get.error);
        };
      }),
  );
}

/**
 * The database at whatever version it has, or null when it does not exist: never created or
 * upgraded here (the upgrade to version 1 is aborted, IndexedDB 3.0 "abort an upgrade
 * transaction"). The connection closes at once when another page needs to upgrade the
 * database; the caller closes it after its read.
 */
export function openIfPresent(name: string = DB_NAME): Promise<IDBDatabase | null> {
  return new Promise((resolve, reject) => {
    let created = false;
    const req = indexedDB.open(name);
    req.onupgradeneeded = () => {
      created = true;
      req.transaction?.abort();
    };
    req.onerror = () => (created ? resolve(null) : reject(req.error));
    req.onsuccess = () => {
      const db = req.result;
      db.onversionchange = () => db.close();
      resolve(db);
    };
  });
}
