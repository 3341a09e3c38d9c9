import { readFileSync } from 'node:fs';
import { expect, type Page } from '@playwright/test';

export const SLUG = '2020-10-31-armenia-azerbaijan-jenewa';
export const ARTICLE_PATH = `/artikel/${SLUG}/`;
export const HEADLINE =
  'Armenia dan Azerbaijan Sepakat Tidak Menembaki Permukiman di Tengah Pertempuran Nagorno-Karabakh';

const SEED_FILE = readFileSync(`content/articles/${SLUG}.txt`, 'utf8');

/** The publisher's lines: the file after its front matter, blank lines left out. */
export const SEED_LINES = SEED_FILE.slice(SEED_FILE.indexOf('\n---\n') + 5)
  .split(/\r?\n/u)
  .map((line) => line.trim())
  .filter((line) => line !== '');

function occurrences(haystack: string, needle: string): number {
  return haystack.split(needle).length - 1;
}

/**
 * What is wrong with a page's visible text against the publisher's lines (none: every line
 * appears exactly once). The one line Warta splits (the last paragraph and the editors' code
 * that ends it) must appear as its two parts, once each.
 */
export function seedLineProblems(visibleText: string): string[] {
  const text = visibleText.replace(/\s+/gu, ' ');
  const problems: string[] = [];
  for (const line of SEED_LINES) {
    const whole = occurrences(text, line);
    if (whole === 1) continue;
    const split = /^(.*\S)\s+(\([^()]+\))$/u.exec(line);
    if (split === null) {
      problems.push(`"${line.slice(0, 60)}…" appears ${whole} times`);
      continue;
    }
    const [, body = '', code = ''] = split;
    const bodies = occurrences(text, body);
    const codes = occurrences(text, code);
    if (bodies !== 1) problems.push(`paragraph "${body.slice(0, 60)}…" appears ${bodies} times`);
    if (codes !== 1) problems.push(`editor code ${code} appears ${codes} times`);
  }
  return problems;
}

/** Each line of the publisher's file appears exactly once in the page's visible text. */
export async function expectEverySeedLineOnce(page: Page): Promise<void> {
  expect(seedLineProblems(await page.locator('body').innerText())).toEqual([]);
}
