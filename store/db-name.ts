/** The extension's IndexedDB database (store/db.ts owns its schema and migrations). */
export const DB_NAME = 'tracker-lens';
