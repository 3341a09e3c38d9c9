import { within, type Driver, type Key } from './driver.js';
import { elementScript, pageScript, type Path } from './page-script.js';

/** Where the page-error watch (tests/engines/server.ts) keeps what it saw. */
export interface Watched {
  __wartaPageErrors?: string[];
}

const pause = (ms: number): Promise<void> => new Promise((done) => setTimeout(done, ms));

/**
 * One engine's page, as the steps use it: every driver call has a time limit (a call that runs
 * past it is a `Hang`, and the runner stops the engine), conditions are waited for by polling
 * real state, never wording, and the page errors the watch recorded are collected before the
 * page is left.
 */
export class EnginePage {
  private readonly errors: string[] = [];

  constructor(
    private readonly driver: Driver,
    readonly origin: string,
  ) {}

  /** Runs `fn` in the page with `arg` (see `pageScript`). */
  async evaluate<A, R>(fn: (arg: A) => R, arg: A): Promise<Awaited<R>> {
    return (await within(10_000, 'a script in the page', this.driver.run(pageScript(fn, arg)))) as Awaited<R>;
  }

  /** Runs `fn` in the page on the element at `path` (null when there is none). */
  async on<R>(path: Path, fn: (element: Element | null) => R): Promise<Awaited<R>> {
    return (await within(10_000, 'a script in the page', this.driver.run(elementScript(path, fn)))) as Awaited<R>;
  }

  /**
   * Runs `fn` in the page every 100 ms until `until` accepts its result, and returns that result;
   * fails after `ms`, saying what it waited for and what it last saw.
   */
  async waitFor<A, R>(
    what: string,
    fn: (arg: A) => R,
    arg: A,
    options: { until?: (value: Awaited<R>) => boolean; ms?: number } = {},
  ): Promise<Awaited<R>> {
    const { until = (value: Awaited<R>) => value === true, ms = 10_000 } = options;
    const end = Date.now() + ms;
    for (;;) {
      const value = await this.evaluate(fn, arg);
      if (until(value)) return value;
      if (Date.now() > end) throw new Error(`waited ${ms / 1000} s for ${what}; last saw ${JSON.stringify(value)}`);
      await pause(100);
    }
  }

  /** Waits until the element at `path` exists, or is (or is not) rendered visible. */
  async waitForElement(path: Path, state: 'present' | 'visible' | 'hidden', ms = 10_000): Promise<void> {
    const end = Date.now() + ms;
    const check =
      state === 'present'
        ? (element: Element | null) => element !== null
        : (element: Element | null) => element !== null && element.checkVisibility();
    while ((await this.on(path, check)) !== (state !== 'hidden')) {
      if (Date.now() > end) throw new Error(`${path.join(' › ')} not ${state} after ${ms / 1000} s`);
      await pause(100);
    }
  }

  async goto(path: string): Promise<void> {
    await this.collectErrors();
    await within(30_000, `loading ${path}`, this.driver.goto(`${this.origin}${path}`));
  }

  async reload(): Promise<void> {
    await this.collectErrors();
    await within(30_000, 'reloading', this.driver.reload());
  }

  async press(key: Key): Promise<void> {
    await within(5000, `pressing ${key}`, this.driver.press(key));
  }

  /** Clicks the middle of the element at `path` with the mouse, scrolled into view first. */
  async click(path: Path): Promise<void> {
    const point = await this.on(path, (element) => {
      if (element === null) return null;
      element.scrollIntoView({ block: 'center' });
      const box = element.getBoundingClientRect();
      return { x: box.left + box.width / 2, y: box.top + box.height / 2 };
    });
    if (point === null) throw new Error(`nothing to click at ${path.join(' › ')}`);
    await within(5000, `clicking ${path.join(' › ')}`, this.driver.click(point.x, point.y));
  }

  /** Whether keyboard focus is on the element at `path`, looking inside shadow roots. */
  async hasFocus(path: Path): Promise<boolean> {
    return this.on(path, (element) => {
      let active = document.activeElement;
      while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
      return element !== null && active === element;
    });
  }

  /** Moves focus to the element at `path` (as a step's starting point, not as what is tested). */
  async focus(path: Path): Promise<void> {
    await this.on(path, (element) => {
      if (element instanceof HTMLElement) element.focus();
    });
  }

  /** Reads (and empties) the page's error list; a page without the watch cannot be vouched for. */
  async collectErrors(): Promise<void> {
    const found = await this.evaluate(() => {
      if (location.protocol === 'about:') return [];
      return (window as unknown as Watched).__wartaPageErrors?.splice(0) ?? null;
    }, undefined);
    if (found === null) this.errors.push('the page-error watch did not run in this page');
    else this.errors.push(...found);
  }

  /** The page errors collected since the last call. */
  takeErrors(): string[] {
    return this.errors.splice(0);
  }
}
