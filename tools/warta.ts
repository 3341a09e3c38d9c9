/**
 * The publishers' command line:
 *   warta parse FILE   print the structured article as JSON
 *   warta check        validate everything under content/ (articles and glossary)
 * Problems go to stderr as `FILE:LINE: what is wrong`; the exit code is 1 when there are any.
 */
import { ARTICLES_DIR, GLOSSARY_DIR, formatProblem, loadArticleFile, loadArticles, loadGlossary } from './content.js';

const USAGE = 'usage: warta parse FILE | warta check';

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
  process.stderr.write(`${USAGE}\n`);
  return 2;
}

process.exitCode = await main(process.argv.slice(2));
