/**
 * `warta withdraw SOURCE-ID`: records that an article was withdrawn (neither WordPress nor feeds
 * report deletions). SOURCE-ID is `<source>:<source_id>` or the article's slug.
 */
import { rm } from 'node:fs/promises';
import { ownerOf } from './slug.js';
import {
  articleFile,
  contentPaths,
  readFields,
  readState,
  readText,
  slugOwners,
  withdraw,
  withdrawnFile,
} from './store.js';

export const WITHDRAW_EXIT = {
  /** Withdrawn now, or already. */
  ok: 0,
  /** No such article. */
  notFound: 1,
  /** The command line was wrong. */
  usage: 2,
  /** The content store could not be read or written. */
  store: 4,
} as const;

export interface WithdrawOptions {
  readonly target: string;
  readonly contentDir: string;
  readonly reason: string | null;
  readonly dryRun: boolean;
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
  readonly now?: () => Date;
}

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/u;

export async function runWithdraw(options: WithdrawOptions): Promise<number> {
  try {
    return await withdrawTarget(options);
  } catch (error) {
    options.err(
      `${options.target}: cannot update the content store: ${error instanceof Error ? error.message : String(error)}`,
    );
    return WITHDRAW_EXIT.store;
  }
}

async function withdrawTarget(options: WithdrawOptions): Promise<number> {
  const { target, out, err } = options;
  const paths = contentPaths(options.contentDir);
  let slug: string | undefined;
  let source: string | null = null;
  let sourceId: string | null = null;
  const colon = target.indexOf(':');
  if (colon !== -1) {
    // A source key has no colon; an id may (a guid that is a URL, an Atom tag: id).
    source = target.slice(0, colon);
    sourceId = target.slice(colon + 1);
    if (!SLUG.test(source) || sourceId === '') {
      err(`${target}: expected <source>:<source_id> (such as minanews-net:123456) or a slug`);
      return WITHDRAW_EXIT.usage;
    }
    const state = await readState(paths, source);
    const owner = ownerOf(source, sourceId);
    slug = state.ids[sourceId] ?? [...(await slugOwners(paths))].find(([, who]) => who === owner)?.[0];
    if (slug === undefined) {
      err(`${target}: no article from source "${source}" has the id "${sourceId}"`);
      return WITHDRAW_EXIT.notFound;
    }
  } else {
    if (!SLUG.test(target)) {
      err(`${target}: expected <source>:<source_id> (such as minanews-net:123456) or a slug`);
      return WITHDRAW_EXIT.usage;
    }
    slug = target;
  }
  const article = await readText(articleFile(paths, slug));
  const earlier = await readText(withdrawnFile(paths, slug));
  if (earlier !== null) {
    // A withdrawal killed before it removed the article is completed.
    if (article !== null && !options.dryRun) await rm(articleFile(paths, slug), { force: true });
    out(`${slug}: already withdrawn (${readFields(earlier).get('withdrawn') ?? 'date unknown'})`);
    return WITHDRAW_EXIT.ok;
  }
  if (article === null) {
    err(`${target}: there is no article ${articleFile(paths, slug)}`);
    return WITHDRAW_EXIT.notFound;
  }
  const fields = readFields(article);
  source ??= fields.get('source') ?? null;
  sourceId ??= fields.get('source_id') ?? null;
  const withdrawn = (options.now?.() ?? new Date()).toISOString().replace(/\.\d{3}Z$/u, 'Z');
  if (!options.dryRun) await withdraw(paths, { slug, source, sourceId, withdrawn, reason: options.reason });
  const who = source !== null && sourceId !== null ? ` (${source}:${sourceId})` : '';
  out(`${slug}${who}: withdrawn${options.dryRun ? ' (dry run: nothing written)' : ''}`);
  return WITHDRAW_EXIT.ok;
}
