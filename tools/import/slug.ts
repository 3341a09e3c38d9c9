/**
 * Article addresses from the publisher's slugs: pure. A slug becomes `[a-z0-9-]`, whatever its
 * script; once given to an id it never changes (the import state remembers it).
 */
import anyAscii from 'any-ascii';

/** The longest slug made from a publisher's, in characters, cut at a hyphen. */
export const MAX_SLUG = 80;

/** A publisher's slug (percent-encoded UTF-8, as WordPress gives non-Latin ones) as `[a-z0-9-]`. */
export function transliterate(raw: string): string {
  let decoded = raw;
  try {
    decoded = decodeURIComponent(raw);
  } catch {
    // Not percent-encoding after all ("100%-halal"): the text as it stands.
  }
  const ascii = anyAscii(decoded.normalize('NFC')).toLowerCase();
  const slug = ascii.replace(/[^a-z0-9]+/gu, '-').replace(/^-+|-+$/gu, '');
  if (slug.length <= MAX_SLUG) return slug;
  const cut = slug.slice(0, MAX_SLUG);
  const hyphen = cut.lastIndexOf('-');
  return (hyphen > MAX_SLUG / 2 ? cut.slice(0, hyphen) : cut).replace(/-+$/u, '');
}

/** The last path segment of an article's address: feeds give no slug, but their links carry it. */
export function slugFromLink(link: string | null): string | null {
  if (link === null) return null;
  try {
    const segments = new URL(link).pathname.split('/').filter((segment) => segment !== '');
    const last = segments[segments.length - 1];
    if (last === undefined) return null;
    return last.replace(/\.(?:html?|php|aspx?)$/iu, '');
  } catch {
    return null;
  }
}

/** Who holds a slug: `<source>:<id>` for imported articles, `file:<slug>` for hand-written ones. */
export type Owner = string;

export function ownerOf(source: string, id: string): Owner {
  return `${source}:${id}`;
}

/**
 * The slug for a new id: the publisher's; when another source (or a hand-written file) holds it,
 * `<source>-` before it; when the same source holds it for another id, `-2`, `-3`, … after it.
 */
export function allocateSlug(base: string, source: string, id: string, taken: ReadonlyMap<string, Owner>): string {
  const me = ownerOf(source, id);
  const free = (slug: string): boolean => {
    const owner = taken.get(slug);
    return owner === undefined || owner === me;
  };
  const heldByOther = (slug: string): boolean => {
    const owner = taken.get(slug);
    return owner !== undefined && owner !== me && !owner.startsWith(`${source}:`);
  };
  let stem = base;
  if (heldByOther(stem) && !stem.startsWith(`${source}-`)) stem = `${source}-${stem}`;
  if (free(stem)) return stem;
  for (let n = 2; ; n += 1) {
    const candidate = `${stem}-${n}`;
    if (free(candidate)) return candidate;
  }
}
