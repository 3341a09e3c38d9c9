/**
 * Choosing among a device's voices. Pure: voices are typed by what is read of them, so node tests
 * pass plain objects. A device may list thousands (espeak-ng has a hundred variants of each of
 * its languages): only the article language's voices are offered, the device's own (they work
 * offline) before those that need the network, each group with the device's default first.
 */

/** What Warta reads of a `SpeechSynthesisVoice`. */
export interface VoiceLike {
  readonly name: string;
  readonly lang: string;
  readonly localService: boolean;
  readonly default: boolean;
  readonly voiceURI: string;
}

/** An article language's voices, the device's own first; either list may be empty. */
export interface VoiceGroups<V extends VoiceLike> {
  readonly local: readonly V[];
  readonly online: readonly V[];
}

/**
 * A language tag's primary language, lowercase: `id-ID`, `id_ID` and `in-ID` are all `id`
 * (Android long spelled Indonesian with Java's old code `in`, as it spelled Hebrew `iw`).
 */
export function primaryLanguage(tag: string): string {
  const primary = (tag.trim().toLowerCase().split(/[-_]/u)[0] ?? '').trim();
  return OLD_CODES[primary] ?? primary;
}

const OLD_CODES: Readonly<Record<string, string>> = { in: 'id', iw: 'he', ji: 'yi' };

/** The voices that speak the language of `lang` (any region), sorted into the two groups. */
export function voicesFor<V extends VoiceLike>(voices: readonly V[], lang: string): VoiceGroups<V> {
  const wanted = primaryLanguage(lang);
  const matching = voices.filter((voice) => primaryLanguage(voice.lang) === wanted);
  const sorted = [...matching].sort(byPreference(lang));
  return {
    local: sorted.filter((voice) => voice.localService),
    online: sorted.filter((voice) => !voice.localService),
  };
}

/**
 * The device's default first, then, when the article names a region (`en-GB`), that region's
 * voices, then by name (numbers in names in numeric order).
 */
function byPreference(lang: string): (a: VoiceLike, b: VoiceLike) => number {
  const tag = (value: string): string => value.trim().toLowerCase().replace('_', '-');
  const exact = tag(lang).includes('-') ? tag(lang) : null;
  const rank = (voice: VoiceLike): number => (voice.default ? 0 : 2) + (tag(voice.lang) === exact ? 0 : 1);
  return (a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name, undefined, { numeric: true });
}

/**
 * The voice to read `lang` with: the one chosen last time when the device still has it, else the
 * first of the sorted groups (a device voice before a network one), else null: the device cannot
 * read this language, and Warta says so rather than read it with another language's voice.
 */
export function pickVoice<V extends VoiceLike>(voices: readonly V[], lang: string, chosen: string | null): V | null {
  const { local, online } = voicesFor(voices, lang);
  const all = [...local, ...online];
  return all.find((voice) => voice.voiceURI === chosen) ?? all[0] ?? null;
}
