/**
 * The extension's IndexedDB database: its name and schema version. store/db.ts owns the
 * schema and its migrations; the version lives here, with no imports, so that the light
 * readers (store/read-if-present.ts, store/first-screen.ts) can tell whether a database is
 * current without loading the migrations (issue #5, audit page first render).
 */
export const DB_NAME = 'tracker-lens';
export const DB_VERSION = 6;
