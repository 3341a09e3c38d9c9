/** The database's name, shared with the service worker. */
export const DB_NAME = 'warta';

/**
 * The search index's store (its segments and the record that lists them) and the store of
 * articles written since the index last took them in (`{ slug, mark }`), which every writer of
 * an article adds to in the same transaction (src/data/articles.ts).
 */
export const SEARCH_STORE = 'search';
export const SEARCH_PENDING_STORE = 'search-pending';
