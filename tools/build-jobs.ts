/**
 * The build's work that grows with the archive, in units a thread can take (tools/build-pool.ts)
 * or the main thread can do itself when there is little of it: publishing an article file (read,
 * parse, write its JSON: tools/content-cache.ts) and making pages (render in each UI language,
 * fill the shell, write, gzip: tools/prerender.ts). Each unit writes its files and answers with
 * their records only, so memory does not grow with what is rendered.
 */
import { readFileSync } from 'node:fs';
import { glossaryText, type GlossaryEntry, type GlossaryText } from '../src/content/glossary.js';
import type { PublishedArticle } from '../src/content/types.js';
import { useLocale } from '../src/i18n/english.js';
import { uiLocale } from '../src/i18n/locale.js';
import type { Locale } from '../src/routes.js';
import { LOCALES } from '../src/sw/app-files.js';
import { gzipMethod } from './compress.js';
import { articleJsonPath, type PublishJob, type PublishResult } from './content-cache.js';
import { loadArticleBytes, recordOf, unreadable } from './content.js';
import { readOutputFile, writeOutputFile } from './output.js';
import {
  fillShell,
  localeFile,
  rememberJson,
  renderPage,
  type Frame,
  type RenderContext,
  type RenderTask,
  type WrittenFile,
} from './prerender.js';

/** What every unit of work may read: set once per thread. */
export interface JobContext {
  /** The output folder, absolute. */
  readonly out: string;
  readonly glossary: readonly GlossaryEntry[];
  /** The build's date (ms since the epoch): the day archive notices say ages from. */
  readonly now: number;
  /** The shell and heads pages are filled into; null until the scripts are built. */
  readonly frame: Frame | null;
}

/** Pages to make, a few at a time (one message to a thread). */
export interface RenderJob {
  readonly type: 'render';
  readonly tasks: readonly RenderTask[];
}

export type Job = PublishJob | RenderJob;
export type JobResult<J extends Job> = J extends PublishJob ? PublishResult[] : WrittenFile[];

/** Does one unit of work. */
export async function runJob<J extends Job>(job: J, context: JobContext): Promise<JobResult<J>> {
  const result = job.type === 'publish' ? publishArticles(job, context) : await renderPages(job, context);
  return result as JobResult<J>;
}

/** Reads, parses and publishes article files, and writes the JSON of each (with its gzip copy). */
function publishArticles(job: PublishJob, context: JobContext): PublishResult[] {
  const results: PublishResult[] = [];
  for (const { file, last } of job.files) {
    let bytes: Uint8Array;
    try {
      bytes = readFileSync(file);
    } catch (error) {
      results.push({ ok: false, problem: unreadable(file, error) });
      continue;
    }
    const loaded = loadArticleBytes(file, bytes, context.glossary);
    if (!loaded.ok) {
      results.push(loaded);
      continue;
    }
    const article = loaded.article;
    const json = Buffer.from(JSON.stringify(article), 'utf8');
    const path = articleJsonPath(article.slug);
    const written = writeOutputFile(context.out, path, json, last, { key: article.hash, gzip: gzipMethod(path) });
    results.push({ ok: true, record: recordOf(article, json.byteLength), json: { path, ...written } });
  }
  return results;
}

/**
 * Makes each page in every UI language: the language this thread speaks now first, so a thread
 * switches once a job (a switch costs about 0.1 ms).
 */
async function renderPages(job: RenderJob, context: JobContext): Promise<WrittenFile[]> {
  const frame = context.frame;
  if (frame === null) throw new Error('pages were sent before the frame');
  const articles = new Map<string, PublishedArticle>();
  const texts = new Map<Locale, ReadonlyMap<string, GlossaryText>>();
  const renderContext: RenderContext = {
    now: new Date(context.now),
    glossary: () => {
      const locale = uiLocale();
      let localized = texts.get(locale);
      if (localized === undefined) {
        localized = new Map(context.glossary.map((entry) => [entry.id, glossaryText(entry, locale)]));
        texts.set(locale, localized);
      }
      return localized;
    },
    article: (slug) => {
      let article = articles.get(slug);
      if (article === undefined) {
        // Written by the content stage this build, or checked unchanged by it.
        const json = readOutputFile(context.out, articleJsonPath(slug)).toString('utf8');
        article = JSON.parse(json) as PublishedArticle;
        // The page carries the same JSON: no need to write it again.
        rememberJson(article, json);
        articles.set(slug, article);
      }
      return article;
    },
  };
  const current = uiLocale();
  const locales = [current, ...LOCALES.filter((locale) => locale !== current)];
  const written: WrittenFile[] = [];
  for (const locale of locales) {
    await switchLocale(locale);
    for (const task of job.tasks) {
      const path = localeFile(locale, task.fileName);
      const page = { fileName: path, ...renderPage(task as Parameters<typeof renderPage>[0], renderContext) };
      const html = fillShell(frame.shell, page, frame.head[locale]);
      const file = writeOutputFile(context.out, path, html, task.last[locale], {
        key: task.key,
        gzip: gzipMethod(path),
      });
      written.push({ path, ...file });
    }
  }
  return written;
}

/**
 * @lit/localize announces locale changes on `window`, which Node lacks: lend it an EventTarget
 * for the switch only, so nothing else in the build sees a `window`.
 */
export async function switchLocale(locale: Locale): Promise<void> {
  if (uiLocale() === locale) return;
  const scope = globalThis as { window?: unknown };
  const lent = scope.window === undefined;
  if (lent) scope.window = new EventTarget();
  try {
    await useLocale(locale);
  } finally {
    if (lent) delete scope.window;
  }
}
