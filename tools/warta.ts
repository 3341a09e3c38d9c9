/**
 * The publishers' command line:
 *   warta parse FILE             print the structured article as JSON
 *   warta check                  validate everything under content/ (articles and glossary)
 *   warta import SOURCE [...]    import a WordPress posts address, an RSS or Atom feed, or a saved file of either
 *   warta withdraw SOURCE-ID     record that an article was withdrawn
 * Problems go to stderr as `FILE:LINE: what is wrong` (import: `SOURCE: item N (id): what is wrong`).
 * Exit codes: parse and check 1 when there are problems; import and withdraw as in the README.
 */
import { parseArgs } from 'node:util';
import { ARTICLES_DIR, GLOSSARY_DIR, formatProblem, loadArticleFile, loadArticles, loadGlossary } from './content.js';
import { EXIT, runImport } from './import/run.js';
import { WITHDRAW_EXIT, runWithdraw } from './import/withdraw.js';

const USAGE = [
  'usage: warta parse FILE | warta check | warta import SOURCE [options] | warta withdraw SOURCE-ID [options]',
  '  import options: --source KEY  --content DIR  --dry-run  --reconcile  --rate N  --timeout SECONDS',
  '                  --retries N  --backoff SECONDS  --per-page N  --lang TAG  --publisher NAME',
  '                  --publisher-url URL  --profile ID',
  '  withdraw options: --reason TEXT  --content DIR  --dry-run',
].join('\n');

const out = (line: string): void => {
  process.stdout.write(`${line}\n`);
};
const err = (line: string): void => {
  process.stderr.write(`${line}\n`);
};

async function main(args: readonly string[]): Promise<number> {
  const [command, ...rest] = args;
  if (command === 'parse' && rest.length === 1 && rest[0] !== undefined) {
    const glossary = await loadGlossary().catch(() => ({ entries: [], problems: [] }));
    const result = await loadArticleFile(rest[0], glossary.entries);
    if (!result.ok) {
      process.stderr.write(`${formatProblem(result.problem)}\n`);
      return 1;
    }
    process.stdout.write(`${JSON.stringify(result.article, null, 2)}\n`);
    return 0;
  }
  if (command === 'check' && rest.length === 0) {
    const glossary = await loadGlossary(GLOSSARY_DIR);
    const { articles, problems } = await loadArticles(ARTICLES_DIR, glossary.entries);
    const all = [...glossary.problems, ...problems];
    for (const problem of all) process.stderr.write(`${formatProblem(problem)}\n`);
    if (all.length > 0) return 1;
    process.stderr.write(`${ARTICLES_DIR}: ${articles.length} article(s) OK\n`);
    process.stderr.write(`${GLOSSARY_DIR}: ${glossary.entries.length} entries OK\n`);
    return 0;
  }
  if (command === 'import') return importCommand(rest);
  if (command === 'withdraw') return withdrawCommand(rest);
  process.stderr.write(`${USAGE}\n`);
  return 2;
}

async function importCommand(args: readonly string[]): Promise<number> {
  const parsed = parse(args, {
    source: { type: 'string' },
    content: { type: 'string' },
    'dry-run': { type: 'boolean' },
    reconcile: { type: 'boolean' },
    rate: { type: 'string' },
    timeout: { type: 'string' },
    retries: { type: 'string' },
    backoff: { type: 'string' },
    'per-page': { type: 'string' },
    lang: { type: 'string' },
    publisher: { type: 'string' },
    'publisher-url': { type: 'string' },
    profile: { type: 'string' },
  });
  if (parsed === null || parsed.positionals.length !== 1) return usage('import takes one SOURCE');
  const { values } = parsed;
  const number = (value: unknown, fallback: number, min: number, max: number): number | null => {
    if (value === undefined) return fallback;
    const n = Number(value);
    return typeof value === 'string' && Number.isFinite(n) && n >= min && n <= max ? n : null;
  };
  const rate = number(values['rate'], 2, 0.01, 1000);
  const timeout = number(values['timeout'], 30, 0.1, 3600);
  const retries = number(values['retries'], 3, 0, 10);
  const backoff = number(values['backoff'], 1, 0, 600);
  const perPage = number(values['per-page'], 50, 1, 100);
  if (rate === null) return usage('--rate is requests a second, more than 0');
  if (timeout === null) return usage('--timeout is seconds, more than 0');
  if (retries === null || !Number.isInteger(retries)) return usage('--retries is a whole number from 0 to 10');
  if (backoff === null) return usage('--backoff is seconds, 0 or more');
  if (perPage === null || !Number.isInteger(perPage)) return usage('--per-page is a whole number from 1 to 100');
  const text = (name: string): string | null => {
    const value = values[name];
    return typeof value === 'string' ? value : null;
  };
  const outcome = await runImport({
    source: parsed.positionals[0] ?? '',
    contentDir: text('content') ?? 'content',
    sourceKey: text('source'),
    dryRun: values['dry-run'] === true,
    reconcile: values['reconcile'] === true,
    lang: text('lang'),
    publisher: text('publisher'),
    publisherUrl: text('publisher-url'),
    profile: text('profile') ?? 'mina',
    perPage,
    client: { rate, timeoutMs: timeout * 1000, retries, backoffMs: backoff * 1000 },
    out,
    err,
  });
  return outcome.code;
}

async function withdrawCommand(args: readonly string[]): Promise<number> {
  const parsed = parse(args, {
    reason: { type: 'string' },
    content: { type: 'string' },
    'dry-run': { type: 'boolean' },
  });
  if (parsed === null || parsed.positionals.length !== 1)
    return usage('withdraw takes one SOURCE-ID', WITHDRAW_EXIT.usage);
  const { values } = parsed;
  return runWithdraw({
    target: parsed.positionals[0] ?? '',
    contentDir: typeof values['content'] === 'string' ? values['content'] : 'content',
    reason: typeof values['reason'] === 'string' ? values['reason'] : null,
    dryRun: values['dry-run'] === true,
    out,
    err,
  });
}

type OptionSpec = Record<string, { type: 'string' | 'boolean' }>;

function parse(
  args: readonly string[],
  options: OptionSpec,
): { values: Record<string, string | boolean | undefined>; positionals: string[] } | null {
  try {
    const { values, positionals } = parseArgs({ args: [...args], options, allowPositionals: true, strict: true });
    return { values, positionals };
  } catch (error) {
    err(error instanceof Error ? error.message : String(error));
    return null;
  }
}

function usage(message: string, code: number = EXIT.usage): number {
  err(`warta: ${message}`);
  err(USAGE);
  return code;
}

process.exitCode = await main(process.argv.slice(2));
