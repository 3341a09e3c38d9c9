/** A path to an element through shadow roots: each selector is looked up in the previous one's shadow root. */
export type Path = readonly string[];

/**
 * tsx compiles this suite with esbuild's keepNames, which wraps named functions in calls to a
 * `__name` helper that exists only in Node; each script defines a harmless one for the page.
 */
const PRELUDE = 'const __name = (target) => target;';

/**
 * Turns a function written here into a script that runs in a page, with its argument as JSON.
 * The function must use nothing from outside itself: the page gets its text, not its closure.
 */
export function pageScript<A>(fn: (arg: A) => unknown, arg: A): string {
  return `(() => { ${PRELUDE} return (${fn.toString()})(${JSON.stringify(arg)}); })()`;
}

/** Runs in the page: the element at the end of a path, or null. */
function findDeep(path: Path): Element | null {
  let root: ParentNode | null = document;
  let found: Element | null = null;
  for (const selector of path) {
    found = root?.querySelector(selector) ?? null;
    root = found?.shadowRoot ?? null;
  }
  return found;
}

/** Like `pageScript`, with the element at `path` (or null) as the argument. */
export function elementScript(path: Path, fn: (element: Element | null) => unknown): string {
  return `(() => { ${PRELUDE} return (${fn.toString()})((${findDeep.toString()})(${JSON.stringify(path)})); })()`;
}
