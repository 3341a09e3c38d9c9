/**
 * What a build made, as it resolved it: each language's script and the app files the service
 * worker keeps. Written to `.warta/build.json` in the output folder (a dot folder: the serve script
 * does not serve it, and no page links it), so that the byte budgets and the tests read the
 * build's own answer instead of reading it back out of HTML or JavaScript.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locale } from '../src/routes.js';
import type { AppManifest } from '../src/sw/app-files.js';

export const RECORD_FILE = '.warta/build.json';
/** The service worker as it would be without sync: measured by the budgets, never served. */
export const WORKER_WITHOUT_SYNC = '.warta/sw-without-sync.js';

/** One language's browser script: every page in that language loads the entry. */
export interface ScriptFiles {
  /** The entry's address (`/assets/index-….js`). */
  readonly entry: string;
  /** The entry and every file it imports statically: what a page loads before any `import()`. */
  readonly loaded: readonly string[];
}

export interface BuildRecord {
  readonly scripts: Readonly<Record<Locale, ScriptFiles>>;
  /** What the service worker was given: the app files, and the listings it fetches with them. */
  readonly app: AppManifest;
}

/** The record of the build in `dir`. */
export function readBuildRecord(dir: string): BuildRecord {
  try {
    return JSON.parse(readFileSync(join(dir, RECORD_FILE), 'utf8')) as BuildRecord;
  } catch (error) {
    throw new Error(`${dir} has no build record (${RECORD_FILE}): build it with npm run build`, { cause: error });
  }
}
