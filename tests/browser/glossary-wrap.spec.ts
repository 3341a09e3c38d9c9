import type { Page } from '@playwright/test';
import { expect, expectNoAxeViolations, test } from './fixtures.js';
import { asReturningReaderWatchingShifts, layoutShiftSoFar } from './layout-shift.js';
import { ARTICLE_PATH } from './seed.js';

/** Closing punctuation that must never begin a line: it belongs to the word before it. */
const CLOSING = '.,;:!?)”';

/**
 * Where the article's line breaks fall around its glossary terms, as a list of what is wrong
 * (empty when nothing is). Measured on the characters themselves (Range client rects), in the
 * light DOM the reader sees and find-in-page searches, so it holds for the prerendered link and
 * for the upgraded element alike:
 *
 * - no closing punctuation after a non-space character starts a line;
 * - a term starts a new line only when its first word (up to its first space) did not fit in
 *   what was left of the line before, so a long term breaks inside, as the words around it do,
 *   instead of leaving that line half empty.
 */
async function lineBreakProblems(page: Page, closing: string): Promise<string[]> {
  return page.evaluate((closingChars) => {
    interface Char {
      readonly node: Text;
      readonly offset: number;
      readonly char: string;
    }
    const problems: string[] = [];
    const rectOf = (char: Char): DOMRect => {
      const range = document.createRange();
      range.setStart(char.node, char.offset);
      range.setEnd(char.node, char.offset + 1);
      const rects = range.getClientRects();
      return rects[0] ?? range.getBoundingClientRect();
    };
    const sameLine = (a: DOMRect, b: DOMRect): boolean => Math.abs(a.top - b.top) < Math.min(a.height, b.height) / 2;
    const isSpace = (char: string): boolean => /\s/u.test(char);

    for (const paragraph of document.querySelectorAll<HTMLElement>('main article > p[lang]')) {
      if (paragraph.querySelector('warta-term') === null) continue;
      // The paragraph's characters in reading order, across the terms' element boundaries.
      const chars: Char[] = [];
      const walker = document.createTreeWalker(paragraph, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) {
        const text = node as Text;
        for (let offset = 0; offset < text.data.length; offset += 1) {
          chars.push({ node: text, offset, char: text.data.charAt(offset) });
        }
      }
      const before = (index: number): number => {
        let at = index - 1;
        while (at >= 0 && isSpace(chars[at]?.char ?? '')) at -= 1;
        return at;
      };
      const context = (from: number, to: number): string =>
        chars
          .slice(Math.max(0, from), to)
          .map((char) => char.char)
          .join('');

      chars.forEach((char, index) => {
        if (!closingChars.includes(char.char) || index === 0) return;
        const previous = chars[index - 1];
        if (previous === undefined || isSpace(previous.char)) return;
        if (!sameLine(rectOf(previous), rectOf(char))) {
          problems.push(`"${char.char}" starts a line after "…${context(index - 20, index)}"`);
        }
      });

      // The width of one space, from a space with characters on the same line either side of it.
      const spaceWidth =
        chars
          .map((char, index) => ({ char, index }))
          .filter(({ char }) => char.char === ' ')
          .map(({ char, index }) => {
            const left = chars[index - 1];
            const right = chars[index + 1];
            if (left === undefined || right === undefined || isSpace(left.char) || isSpace(right.char)) return null;
            const [l, r] = [rectOf(left), rectOf(right)];
            return sameLine(l, r) ? rectOf(char).width : null;
          })
          .find((width) => width !== null && width > 0) ?? 0;
      const style = getComputedStyle(paragraph);
      const lineEnd = paragraph.getBoundingClientRect().right - parseFloat(style.paddingRight);

      for (const term of paragraph.querySelectorAll('warta-term')) {
        const termText = term.textContent;
        const first = chars.findIndex((char) => term.contains(char.node) && !isSpace(char.char));
        const previousIndex = before(first);
        const previous = chars[previousIndex];
        const firstChar = chars[first];
        if (first === -1 || previous === undefined || firstChar === undefined) continue;
        const start = rectOf(firstChar);
        const end = rectOf(previous);
        if (sameLine(start, end)) continue;
        let wordEnd = first;
        while (chars[wordEnd + 1] !== undefined && !isSpace(chars[wordEnd + 1]?.char ?? ' ')) wordEnd += 1;
        const lastOfWord = chars[wordEnd];
        if (lastOfWord === undefined) continue;
        const word = document.createRange();
        word.setStart(firstChar.node, firstChar.offset);
        word.setEnd(lastOfWord.node, lastOfWord.offset + 1);
        const wordWidth = word.getBoundingClientRect().width;
        const room = lineEnd - end.right;
        if (room >= spaceWidth + wordWidth + 1) {
          problems.push(
            `"${termText.trim()}" starts a new line although its first word ` +
              `"${context(first, wordEnd + 1)}" (${wordWidth.toFixed(0)} px) fitted in the ` +
              `${room.toFixed(0)} px left after "…${context(previousIndex - 15, previousIndex + 1)}"`,
          );
        }
      }
    }
    return problems;
  }, closing);
}

for (const textSize of ['100', '200'] as const) {
  for (const width of [320, 360, 390, 768]) {
    test(`wraps glossary terms as the words around them, before and after the upgrade: ${width} px, ${textSize} % text`, async ({
      page,
    }) => {
      await page.setViewportSize({ width, height: 800 });
      await asReturningReaderWatchingShifts(page, textSize);

      // Before the upgrade: the prerendered page, its script never arriving (as without script).
      await page.route('**/assets/*.js', (route) => route.abort());
      await page.goto(ARTICLE_PATH);
      await expect(page.locator('html')).toHaveAttribute('data-text-size', textSize);
      await expect(page.locator('main a[role="doc-glossref"]')).toHaveCount(11);
      expect(await page.evaluate(() => customElements.get('warta-term'))).toBeUndefined();
      // Soft, so a failure here still shows what the upgraded page does.
      expect.soft(await lineBreakProblems(page, CLOSING), 'before the upgrade').toEqual([]);

      // After it: every term a button, and nothing moved while they became one.
      await page.unroute('**/assets/*.js');
      await page.reload();
      await expect(page.getByRole('main').getByRole('button', { name: 'Grup Minsk', exact: true })).toBeVisible();
      await expect(page.locator('main a[role="doc-glossref"]')).toHaveCount(0);
      await page.waitForTimeout(300);
      expect(await lineBreakProblems(page, CLOSING), 'after the upgrade').toEqual([]);
      expect(await layoutShiftSoFar(page), 'layout shift while the terms upgrade').toBe(0);
    });
  }
}

test.describe('a glossary term that wraps', () => {
  const OSCE = 'Organisasi untuk Keamanan dan Kerjasama di Eropa';

  /** The centre of each line's part of the term's words, top to bottom. */
  async function lineParts(page: Page, entry: string): Promise<Array<{ x: number; y: number }>> {
    return page.evaluate((name) => {
      const range = document.createRange();
      const host = document.querySelector(`warta-term[entry="${name}"]`);
      if (host === null) throw new Error(`no term ${name}`);
      range.selectNodeContents(host);
      return [...range.getClientRects()].map((rect) => ({
        x: rect.left + rect.width / 2,
        y: rect.top + rect.height / 2,
      }));
    }, entry);
  }

  test.beforeEach(async ({ page }) => {
    await page.setViewportSize({ width: 320, height: 640 });
    await page.goto(ARTICLE_PATH);
    await expect(page.getByRole('main').getByRole('button', { name: OSCE, exact: true })).toBeVisible();
  });

  test('is one button named by all its words, read once, with its bubble next', async ({ page }) => {
    const button = page.getByRole('main').getByRole('button', { name: OSCE, exact: true });
    await button.scrollIntoViewIfNeeded();
    expect(await lineParts(page, 'osce')).toHaveLength(2);
    // The words take the pointer: each line of them is a target at least 24 px high (A11Y.md).
    const heights = await page
      .locator('main warta-term .face')
      .evaluateAll((faces) => faces.flatMap((face) => [...face.getClientRects()].map((rect) => rect.height)));
    expect(heights.length).toBeGreaterThanOrEqual(12);
    expect(Math.min(...heights)).toBeGreaterThanOrEqual(24);
    expect(await button.evaluate((element) => element.tagName)).toBe('BUTTON');
    await button.focus();
    await page.keyboard.press('Enter');
    await expect(page.locator('main p', { has: page.getByRole('button', { name: OSCE, exact: true }) }))
      .toMatchAriaSnapshot(`
      - text: /disponsori oleh$/
      - button "Grup Minsk"
      - text: ","
      - button "${OSCE}" [expanded]
      - text: /^OSCE \\(Organisasi untuk Keamanan dan Kerja Sama di Eropa\\) adalah/
      - link "Lihat di glosarium"
      - text: ·
      - link /OSCE/
      - text: /^, yang diketuai/
    `);
    await expectNoAxeViolations(page, 'a wrapped term, its bubble open');
  });

  for (const mode of ['popover', 'inline disclosure'] as const) {
    test(`opens and closes its bubble from a click on any of its lines (${mode})`, async ({ page }) => {
      if (mode === 'inline disclosure') {
        // A browser without the popover API gets the inline disclosure.
        await page.addInitScript(() => {
          Reflect.deleteProperty(HTMLElement.prototype, 'showPopover');
          Reflect.deleteProperty(HTMLElement.prototype, 'popover');
        });
        await page.reload();
      }
      const button = page.getByRole('main').getByRole('button', { name: OSCE, exact: true });
      const bubble = page.locator('warta-term[entry="osce"] .bubble');
      // Near the top of the screen, so the bubble has room below the term and covers none of it.
      await page.locator('warta-term[entry="osce"]').evaluate((term) => {
        window.scrollBy(0, term.getBoundingClientRect().top - 100);
      });
      const [first, second] = await lineParts(page, 'osce');
      if (first === undefined || second === undefined) throw new Error('the term is on one line');
      await page.mouse.click(second.x, second.y);
      await expect(bubble).toBeVisible();
      await expect(button).toHaveAttribute('aria-expanded', 'true');
      // The bubble is placed below the words in script once open: click the words only once it
      // has moved clear of them (a click on the bubble itself rightly keeps it open).
      await expect
        .poll(() =>
          bubble.evaluate((element, point) => {
            const box = element.getBoundingClientRect();
            return point.y < box.top || point.y > box.bottom || point.x < box.left || point.x > box.right;
          }, second),
        )
        .toBe(true);
      await page.mouse.click(second.x, second.y);
      await expect(bubble).toBeHidden();
      await expect(button).toHaveAttribute('aria-expanded', 'false');
      await page.mouse.click(first.x, first.y);
      await expect(bubble).toBeVisible();
      await page.mouse.click(first.x, first.y);
      await expect(bubble).toBeHidden();
    });
  }

  test('shows keyboard focus around its words', async ({ page }) => {
    const button = page.getByRole('main').getByRole('button', { name: 'Grup Minsk', exact: true });
    for (let presses = 0; presses < 40; presses += 1) {
      await page.keyboard.press('Tab');
      if (await button.evaluate((element) => element.matches(':focus'))) break;
    }
    await expect(button).toBeFocused();
    const ring = await page.locator('warta-term[entry="grup-minsk"] .face').evaluate((face) => {
      const style = getComputedStyle(face);
      return { style: style.outlineStyle, width: style.outlineWidth };
    });
    expect(ring).toEqual({ style: 'solid', width: '3px' });
    await expectNoAxeViolations(page, 'a term focused from the keyboard');
  });
});
