/** The keys the steps press. */
export type Key = 'Tab' | 'Enter' | 'Escape' | 'ArrowDown';

/**
 * What the steps need from a browser, and no more: each engine's driver implements it over its
 * own protocol (tests/engines/firefox.ts, tests/engines/webkit.ts).
 */
export interface Driver {
  /** The engine and its version, as the browser tells it. */
  readonly name: string;
  goto(url: string): Promise<void>;
  reload(): Promise<void>;
  /** Runs a script made by `pageScript` in the page; a returned promise is awaited. */
  run(script: string): Promise<unknown>;
  /** Presses and releases a key in the focused element, as a keyboard does. */
  press(key: Key): Promise<void>;
  /** Clicks with the mouse at a point of the viewport (CSS pixels). */
  click(x: number, y: number): Promise<void>;
  /** Ends the session and the browser. */
  close(): Promise<void>;
  /** Kills the browser and its driver at once, by process id: after a hang, or when close fails. */
  kill(): void;
}

/** A driver call that did not answer in time: the engine is stuck, and is stopped. */
export class Hang extends Error {
  override name = 'Hang';
}

/** Settles like `work`, or rejects with a `Hang` after `ms`. */
export async function within<T>(ms: number, what: string, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, fail) => {
    timer = setTimeout(() => {
      fail(new Hang(`${what} did not finish within ${ms / 1000} s`));
    }, ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
