/** The database's name, shared with the service worker (which reads it without `idb`). */
export const DB_NAME = 'warta';
