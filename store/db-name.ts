/**
 * The extension's IndexedDB database: its name and schema version. store/db.ts owns the
 * schema and its migration; these live here, with no imports, for the popup's reader
 * (store/read-if-present.ts), which must not load the history code.
 */
export const DB_NAME = 'tracker-lens';
export const DB_VERSION = 7;
