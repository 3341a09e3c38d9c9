import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type Page } from '@playwright/test';

/** The WCAG tags every state of Warta is held to. */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/**
 * Runs axe over the page as it is now and fails with the rule ids, targets and help text of any
 * violation. Call it in every state a test builds (offline, pop-up open, settings open, …).
 */
export async function expectNoAxeViolations(page: Page, state: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  const summary = results.violations.map(
    (violation) =>
      `${violation.id} (${violation.impact ?? 'n/a'}): ${violation.help}\n    ${violation.nodes
        .map((node) => node.target.join(' '))
        .join('\n    ')}`,
  );
  expect(summary, `axe violations in state "${state}"`).toEqual([]);
}

/**
 * Waits until the article tools say the article is kept on this device: their `data-state`, which
 * follows what IndexedDB holds, not their wording, which translators and writers may change.
 */
export async function expectArticleKept(page: Page, options: { timeout?: number } = {}): Promise<void> {
  await expect(page.locator('warta-article-tools')).toHaveAttribute('data-state', 'kept', options);
}

interface CspWatch {
  /** Every CSP violation seen so far, from the DOM event or the console. */
  readonly violations: string[];
}

/**
 * Every test gets a page whose CSP violations are recorded (the `securitypolicyviolation` event
 * in each document, and Chromium's console errors) and fail the test when it ends.
 */
export const test = base.extend<{ csp: CspWatch }>({
  csp: [
    async ({ page, context }, use) => {
      const violations: string[] = [];
      // The service worker's own console too: its registration and updates are under the policy.
      context.on('serviceworker', (worker) => {
        worker.on('console', (message) => {
          if (/Content Security Policy|Trusted Type/iu.test(message.text()))
            violations.push(`worker: ${message.text()}`);
        });
      });
      await page.exposeFunction('__wartaCspViolation', (text: string) => violations.push(text));
      await page.addInitScript(() => {
        document.addEventListener('securitypolicyviolation', (event) => {
          const report = (window as unknown as { __wartaCspViolation: (text: string) => void }).__wartaCspViolation;
          report(
            `${event.violatedDirective} blocked ${event.blockedURI || 'inline'} at ${event.sourceFile}:${event.lineNumber}`,
          );
        });
      });
      page.on('console', (message) => {
        if (message.type() === 'error' && /Content Security Policy|Trusted Type/iu.test(message.text())) {
          violations.push(message.text());
        }
      });
      await use({ violations });
      expect(violations, 'Content-Security-Policy violations').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
