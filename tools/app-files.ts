/**
 * The registry (src/sw/app-files.ts) resolved against what a build made: Vite's manifest of each
 * language's script names the chunk of the entry and of each part, and the written pages give the
 * revisions. Pure, so the unit tests run it on manifests of their own.
 */
import type { Manifest } from 'vite';
import type { Locale } from '../src/routes.js';
import {
  ENTRY,
  LOCALES,
  PARTS,
  SHARED,
  VIEWS,
  type AppFile,
  type AppManifest,
  type Keep,
} from '../src/sw/app-files.js';
import type { ScriptFiles } from './build-record.js';

/** One language's script as Vite's manifest gives it, with the file of each part (by source module). */
export interface ResolvedScript extends ScriptFiles {
  readonly parts: ReadonlyMap<string, string>;
}

/**
 * What Vite's manifest says of one language's script: the entry, what it imports statically, and
 * the file of each part. Every chunk must be one of these, so that nothing the bundler split off
 * goes unkept by the worker: a module loaded with import() but missing from PARTS fails the build,
 * and so does a part the script no longer has.
 */
export function scriptFiles(manifest: Manifest): ResolvedScript {
  const chunk = (key: string): string => {
    const found = manifest[key];
    if (found === undefined) throw new Error(`the script has no chunk for ${key} (Vite's manifest)`);
    return `/${found.file}`;
  };
  const loaded: string[] = [];
  const queue = [ENTRY];
  for (let key = queue.shift(); key !== undefined; key = queue.shift()) {
    if (loaded.includes(chunk(key))) continue;
    loaded.push(chunk(key));
    queue.push(...(manifest[key]?.imports ?? []));
  }
  const parts = new Map(PARTS.map((part) => [part.module, chunk(part.module)]));
  const known = new Set([...loaded, ...parts.values()]);
  const unknown = Object.entries(manifest).filter(([, value]) => !known.has(`/${value.file}`));
  if (unknown.length > 0) {
    const names = unknown.map(([key]) => key).join(', ');
    throw new Error(`the script has chunks the registry does not list (PARTS in src/sw/app-files.ts): ${names}`);
  }
  return { entry: chunk(ENTRY), loaded, parts };
}

/**
 * The app's files in every language: each view's page and each part's chunk, with a revision
 * for names without a hash (`revision(url)`, of the written file), and the listings fetched with
 * the app. In each language: its pages, then its scripts; the shared files last.
 */
export function appManifest(
  scripts: Readonly<Record<Locale, ResolvedScript>>,
  revision: (url: string) => string,
): AppManifest {
  const files: AppFile[] = [];
  const listings: { path: string; locale: Locale }[] = [];
  const onInstall = (keep: Keep): boolean => keep === 'first-visit';
  for (const locale of LOCALES) {
    for (const view of VIEWS) {
      const path = view.path(locale);
      const keep = view.keep[locale];
      if (keep === 'listing') listings.push({ path, locale });
      // A page kept once visited, or a listing, is no app file: the worker keeps its last copy.
      if (keep === 'visited' || keep === 'listing') continue;
      const url = `${path}index.html`;
      files.push({ url, revision: revision(url), locale, firstVisit: onInstall(keep) });
    }
    const { loaded, parts } = scripts[locale];
    // What every page loads is what reading offline needs first.
    for (const url of loaded) files.push({ url, revision: null, locale, firstVisit: true });
    for (const part of PARTS) {
      const url = parts.get(part.module);
      if (url === undefined) continue;
      if (part.keep === 'used') files.push({ url, revision: null, locale, firstVisit: false, onUse: true });
      else files.push({ url, revision: null, locale, firstVisit: onInstall(part.keep) });
    }
  }
  for (const shared of SHARED) {
    files.push({ url: shared.url, revision: revision(shared.url), locale: null, firstVisit: onInstall(shared.keep) });
  }
  return { files, listings };
}
