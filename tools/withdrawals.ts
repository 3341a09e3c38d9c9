/**
 * Withdrawals, as `warta withdraw` records them (tools/import/store.ts): `withdrawn/<slug>.txt`
 * beside `articles/`, front matter only, with the time the article was withdrawn. The build
 * leaves the article out (also when its file is still there: a withdrawal stopped half way) and
 * the change log tells devices to remove their copy.
 */
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { zonedTimeProblem } from '../src/content/time.js';
import { decodeUtf8 } from '../src/content/utf8.js';
import type { ContentProblem } from './content.js';

export interface Withdrawal {
  readonly slug: string;
  /** ISO 8601 with its zone, as the file says. */
  readonly withdrawn: string;
}

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/u;

/** Every withdrawal under `dir` (none when there is no such folder), by slug, or the problems found. */
export async function loadWithdrawals(dir: string): Promise<{ withdrawals: Withdrawal[]; problems: ContentProblem[] }> {
  const names = (await readdir(dir).catch(() => [])).filter((name) => !name.startsWith('.')).sort();
  const withdrawals: Withdrawal[] = [];
  const problems: ContentProblem[] = [];
  for (const name of names) {
    const file = join(dir, name);
    const slug = name.replace(/\.txt$/u, '');
    if (!name.endsWith('.txt') || !SLUG.test(slug)) {
      problems.push({ file, line: 1, message: 'the file name must be a slug ending in .txt' });
      continue;
    }
    const decoded = decodeUtf8(await readFile(file));
    if (!decoded.ok) {
      problems.push({ file, line: decoded.line, message: decoded.message });
      continue;
    }
    const read = readWithdrawal(decoded.text);
    if ('problem' in read) problems.push({ file, line: read.line, message: read.problem });
    else withdrawals.push({ slug, withdrawn: read.withdrawn });
  }
  return { withdrawals, problems };
}

/** The `withdrawn:` time of a withdrawal file's front matter, or what is wrong and on which line. */
export function readWithdrawal(text: string): { withdrawn: string } | { problem: string; line: number } {
  const lines = text.replace(/^\uFEFF/u, '').split(/\r\n|\r|\n/u);
  if (lines[0]?.trim() !== '---') return { problem: 'a withdrawal starts with a front-matter block ("---")', line: 1 };
  for (const [index, line] of lines.entries()) {
    if (index === 0) continue;
    if (line.trim() === '---') break;
    const match = /^withdrawn\s*:\s*(.*?)\s*$/u.exec(line);
    if (match === null) continue;
    const value = (match[1] ?? '').replace(/^(["'])(.*)\1$/u, '$2');
    const problem = zonedTimeProblem(value);
    return problem === null ? { withdrawn: value } : { problem: `withdrawn ${problem}`, line: index + 1 };
  }
  return { problem: 'the withdrawal has no "withdrawn:" time', line: 1 };
}
