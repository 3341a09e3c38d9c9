import { runInNewContext } from 'node:vm';
import { beforeAll, describe, expect, it } from 'vitest';
import { pathInLocale, type Locale } from '../../src/routes.js';
import { MIRROR_KEY, applySettings, readSettings, resolveLocale } from '../../src/settings/settings.js';
import { firstPaintScript } from '../../tools/first-paint.js';

/** One page load as the before-first-paint script sees it. */
interface Load {
  readonly name: string;
  /** The localStorage mirror's text; an Error when reading localStorage throws. */
  readonly mirror: string | null | Error;
  readonly languages: readonly string[];
  /** The page's address and language (`<html lang>`); `notFound` pages carry data-no-locale-redirect. */
  readonly path: string;
  readonly lang: Locale;
  readonly notFound?: boolean;
  /** Where the reader is sent, spelled out by hand; null when the page stays. */
  readonly sentTo: string | null;
  /** The display attributes expected on <html>, spelled out by hand where the case is about them. */
  readonly attributes?: Readonly<Record<string, string>>;
}

const QUERY = '?utm_source=wa';
const FRAGMENT = '#paragraf-3';
const DEFAULTS = { textSize: '100', lineSpacing: 'normal', paragraphSpacing: 'normal', font: 'sans', theme: 'system' };

function mirrorOf(settings: Record<string, unknown>): string {
  return JSON.stringify({ settings, savedAt: 1 });
}

const LOADS: readonly Load[] = [
  {
    name: 'an Indonesian browser on an Indonesian page',
    mirror: null,
    languages: ['id-ID'],
    path: '/',
    lang: 'id',
    sentTo: null,
    attributes: DEFAULTS,
  },
  {
    name: 'an English browser on an Indonesian article',
    mirror: null,
    languages: ['en-US', 'id'],
    path: '/artikel/a-b/',
    lang: 'id',
    sentTo: `/en/artikel/a-b/${QUERY}${FRAGMENT}`,
  },
  {
    name: 'a Malay browser on an English page',
    mirror: null,
    languages: ['fr', 'ms-MY'],
    path: '/en/glosarium/',
    lang: 'en',
    sentTo: `/glosarium/${QUERY}${FRAGMENT}`,
  },
  {
    name: 'a browser in neither language',
    mirror: null,
    languages: ['fr-FR', 'de'],
    path: '/en/',
    lang: 'en',
    sentTo: `/${QUERY}${FRAGMENT}`,
  },
  {
    name: 'the reader chose Indonesian in an English browser',
    mirror: mirrorOf({ locale: 'id' }),
    languages: ['en'],
    path: '/en/artikel/a-b/',
    lang: 'en',
    sentTo: `/artikel/a-b/${QUERY}${FRAGMENT}`,
  },
  {
    name: 'the reader chose English, on the bare /en address',
    mirror: mirrorOf({ locale: 'en' }),
    languages: ['id'],
    path: '/en',
    lang: 'en',
    sentTo: null,
  },
  {
    name: 'the reader chose Indonesian, on the bare /en address',
    mirror: mirrorOf({ locale: 'id' }),
    languages: ['en'],
    path: '/en',
    lang: 'en',
    sentTo: `/${QUERY}${FRAGMENT}`,
  },
  {
    name: 'an address that only starts like /en',
    mirror: mirrorOf({ locale: 'en' }),
    languages: ['id'],
    path: '/english/',
    lang: 'id',
    sentTo: `/en/english/${QUERY}${FRAGMENT}`,
  },
  // A page whose address and language disagree is sent to the wanted language's address, not /en/en/.
  {
    name: 'an English address served in Indonesian',
    mirror: mirrorOf({ locale: 'en' }),
    languages: ['id'],
    path: '/en/artikel/a-b/',
    lang: 'id',
    sentTo: `/en/artikel/a-b/${QUERY}${FRAGMENT}`,
  },
  {
    name: 'a 404 page never redirects',
    mirror: mirrorOf({ locale: 'en', theme: 'dark' }),
    languages: ['en'],
    path: '/tidak-ada/',
    lang: 'id',
    notFound: true,
    sentTo: null,
    attributes: { ...DEFAULTS, theme: 'dark' },
  },
  {
    name: 'every display setting',
    mirror: mirrorOf({
      textSize: '175',
      lineSpacing: 'loose',
      paragraphSpacing: 'relaxed',
      font: 'readable',
      theme: 'contrast',
      locale: 'id',
    }),
    languages: ['en'],
    path: '/',
    lang: 'id',
    sentTo: null,
    attributes: {
      textSize: '175',
      lineSpacing: 'loose',
      paragraphSpacing: 'relaxed',
      font: 'readable',
      theme: 'contrast',
    },
  },
  {
    name: 'some settings, the rest default',
    mirror: mirrorOf({ textSize: '200' }),
    languages: ['id'],
    path: '/',
    lang: 'id',
    sentTo: null,
    attributes: { ...DEFAULTS, textSize: '200' },
  },
  {
    name: 'values Warta does not have',
    mirror: mirrorOf({ theme: 'neon', font: 'comic', textSize: 150, locale: 'fr' }),
    languages: ['id'],
    path: '/',
    lang: 'id',
    sentTo: null,
    attributes: DEFAULTS,
  },
  {
    name: 'a mirror that is not JSON',
    mirror: '{"settings":',
    languages: ['en'],
    path: '/',
    lang: 'id',
    sentTo: `/en/${QUERY}${FRAGMENT}`,
    attributes: DEFAULTS,
  },
  {
    name: 'a mirror that is JSON but no record',
    mirror: '[1,2]',
    languages: ['id'],
    path: '/',
    lang: 'id',
    sentTo: null,
    attributes: DEFAULTS,
  },
  {
    name: 'a mirror whose settings are null',
    mirror: '{"settings":null}',
    languages: ['id'],
    path: '/',
    lang: 'id',
    sentTo: null,
    attributes: DEFAULTS,
  },
  {
    name: 'localStorage refused (SecurityError)',
    mirror: new Error('SecurityError'),
    languages: ['en'],
    path: '/tersimpan/',
    lang: 'id',
    sentTo: `/en/tersimpan/${QUERY}${FRAGMENT}`,
    attributes: DEFAULTS,
  },
];

interface Outcome {
  readonly attributes: Record<string, string>;
  readonly sentTo: string | null;
  /** Whether the page's manifest link was removed: a page sent away must not have its manifest read. */
  readonly manifestDropped: boolean;
}

/** Runs the script as a page would, in a fresh realm with a fake document and location. */
function runScript(script: string, load: Load): Outcome {
  const dataset: Record<string, string> = {};
  const sent: string[] = [];
  let manifestDropped = false;
  const manifestLink = {
    remove: () => {
      manifestDropped = true;
    },
  };
  const documentElement = {
    dataset,
    lang: load.lang,
    hasAttribute: (name: string) => name === 'data-no-locale-redirect' && load.notFound === true,
  };
  const localStorage = {
    getItem: (key: string) => {
      if (load.mirror instanceof Error) throw load.mirror;
      return key === MIRROR_KEY ? load.mirror : null;
    },
  };
  const location = {
    pathname: load.path,
    search: QUERY,
    hash: FRAGMENT,
    replace: (url: string) => {
      sent.push(url);
    },
  };
  // A throw would surface here and fail the test: the script must swallow every error itself.
  runInNewContext(script, {
    document: {
      documentElement,
      querySelector: (selector: string) => (selector.includes('rel="manifest"') ? manifestLink : null),
    },
    localStorage,
    navigator: { languages: load.languages },
    location,
  });
  expect(sent.length).toBeLessThanOrEqual(1);
  return { attributes: { ...dataset }, sentTo: sent[0] ?? null, manifestDropped };
}

/** What the app's TypeScript functions make of the same load. */
function fromTypeScript(load: Load): Outcome {
  let mirror: unknown;
  try {
    mirror = load.mirror instanceof Error ? null : JSON.parse(load.mirror ?? 'null');
  } catch {
    mirror = null;
  }
  const settings = readSettings((mirror as { settings?: unknown } | null)?.settings);
  const root = { dataset: {} as Record<string, string> };
  applySettings(root as unknown as HTMLElement, settings);
  const wanted = resolveLocale(settings.locale, load.languages);
  const stays = load.notFound === true || wanted === load.lang;
  return {
    attributes: root.dataset,
    sentTo: stays ? null : `${pathInLocale(load.path, wanted)}${QUERY}${FRAGMENT}`,
    manifestDropped: !stays,
  };
}

describe('the before-first-paint script', () => {
  let script = '';
  beforeAll(async () => {
    script = await firstPaintScript();
  }, 60_000);

  for (const load of LOADS) {
    it(`does what readSettings, applySettings, resolveLocale and pathInLocale do: ${load.name}`, () => {
      const outcome = runScript(script, load);
      expect(outcome).toEqual(fromTypeScript(load));
      expect(outcome.sentTo).toBe(load.sentTo);
      if (load.attributes !== undefined) expect(outcome.attributes).toEqual(load.attributes);
    });
  }

  it('stays silent when the page has no navigator.languages or location.replace throws', () => {
    const load = LOADS[1];
    if (load === undefined) throw new Error('no load to vary');
    const documentElement = { dataset: {}, lang: 'id', hasAttribute: () => false };
    const context = (navigator: object, replace: () => void) => ({
      document: { documentElement },
      localStorage: { getItem: () => mirrorOf({ theme: 'dark' }) },
      navigator,
      location: { pathname: load.path, search: '', hash: '', replace },
    });
    expect(() => {
      runInNewContext(
        script,
        context({}, () => undefined),
      );
    }).not.toThrow();
    // The look is applied before anything that can fail.
    expect(documentElement.dataset).toMatchObject({ theme: 'dark' });
    const refuse = () => {
      throw new Error('SecurityError');
    };
    expect(() => {
      runInNewContext(script, context({ languages: ['en'] }, refuse));
    }).not.toThrow();
  });

  it('marks <html class="can-speak"> where the browser has speech synthesis, and only there', () => {
    const classesWith = (speech: object | undefined): string[] => {
      const classes: string[] = [];
      const documentElement = {
        dataset: {},
        lang: 'id',
        hasAttribute: () => false,
        classList: { add: (name: string) => classes.push(name) },
      };
      runInNewContext(script, {
        document: { documentElement },
        localStorage: { getItem: () => null },
        navigator: { languages: ['id'] },
        location: { pathname: '/', search: '', hash: '', replace: () => undefined },
        ...(speech === undefined ? {} : { speechSynthesis: speech }),
      });
      return classes;
    };
    expect(classesWith({ speak: () => undefined })).toEqual(['can-speak']);
    expect(classesWith(undefined)).toEqual([]);
  });

  it('is one small expression with no way to end its <script> early', () => {
    expect(script).toMatch(/^\(function\(\)\{.*\}\)\(\);$/su);
    expect(script).not.toMatch(/<\/script/iu);
    expect(script).not.toMatch(/\bimport\b|\bexport\b/u);
    expect(script.length).toBeLessThan(1_400);
  });
});
