import { readFileSync } from 'node:fs';
import { parseArticle } from '../../src/content/parse-article.js';
import { publish } from '../../tools/content.js';
import { sitePages } from '../../tools/prerender.js';
import { HOSTILE_LINES, hostileArticleText } from '../unit/hostile-content.js';
import { expect, test } from './fixtures.js';

/**
 * The hostile article rendered by the real templates, in a page with the real stylesheet and
 * deliberately no CSP: the proof that nothing runs must come from the rendering, not the policy.
 */
function hostilePage(): string {
  const parsed = parseArticle(hostileArticleText());
  if (!parsed.ok) throw new Error(parsed.error.message);
  const page = sitePages([publish(parsed.article, 'berbahaya')], [], new Date()).find((p) =>
    p.fileName.startsWith('artikel/'),
  );
  if (page === undefined) throw new Error('no article page');
  const css = readFileSync('src/styles/page.css', 'utf8');
  return `<!doctype html><html lang="id"><head><meta name="viewport" content="width=device-width"><style>${css}</style></head><body>${page.body}</body></html>`;
}

test('shows hostile article text as text: nothing runs, nothing is added, long words wrap at 320 px', async ({
  browser,
}) => {
  const context = await browser.newContext({ viewport: { width: 320, height: 640 } });
  const page = await context.newPage();
  let dialogs = 0;
  page.on('dialog', async (dialog) => {
    dialogs += 1;
    await dialog.dismiss();
  });
  await page.setContent(hostilePage(), { waitUntil: 'load' });
  for (const line of HOSTILE_LINES) {
    await expect(page.locator('article > p', { hasText: line.slice(0, 30) }).first()).toBeVisible();
  }
  const state = await page.evaluate(() => ({
    pwned: (window as unknown as { __pwned?: boolean }).__pwned ?? false,
    scripts: document.querySelectorAll('script').length,
    images: document.querySelectorAll('img, svg, iframe, style').length - 1,
    scroll: document.documentElement.scrollWidth,
    client: document.documentElement.clientWidth,
  }));
  expect(state).toMatchObject({ pwned: false, scripts: 0, images: 0 });
  expect(state.scroll).toBeLessThanOrEqual(state.client);
  expect(dialogs).toBe(0);
  await context.close();
});
