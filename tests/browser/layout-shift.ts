import type { Page } from '@playwright/test';

/**
 * Opens every later page load of `page` as a returning reader with this text size (through the
 * settings mirror, as the first paint reads it) and records every layout shift from the start.
 */
export async function asReturningReaderWatchingShifts(page: Page, textSize: string): Promise<void> {
  await page.addInitScript((size) => {
    localStorage.setItem('warta:tampilan', JSON.stringify({ settings: { textSize: size }, savedAt: 1 }));
    const shifts: number[] = [];
    (window as unknown as { __shifts: number[] }).__shifts = shifts;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) shifts.push((entry as PerformanceEntry & { value: number }).value);
    }).observe({ type: 'layout-shift', buffered: true });
  }, textSize);
}

/** The layout shift (CLS sum) recorded so far on the page. */
export async function layoutShiftSoFar(page: Page): Promise<number> {
  const shifts = await page.evaluate(() => (window as unknown as { __shifts: number[] }).__shifts);
  return shifts.reduce((sum, value) => sum + value, 0);
}
