import { mina, minaNotes } from './mina.js';
import type { ProfileNotes, PublisherProfile } from './profile.js';

export type { ProfileNotes, PublisherProfile } from './profile.js';

/** The profile an article follows when its front matter names none. */
export const DEFAULT_PROFILE = 'mina';

/** Every publisher profile, by id. A new publisher: a new file beside mina.ts, and a line here. */
const PROFILES: Readonly<Record<string, PublisherProfile>> = { mina };

/** The footer's words of each profile (plain data, so the page script need not carry the rest). */
const NOTES: Readonly<Record<string, ProfileNotes>> = { mina: minaNotes };

export function profileById(id: string): PublisherProfile | null {
  return Object.hasOwn(PROFILES, id) ? (PROFILES[id] ?? null) : null;
}

export function profileIds(): string[] {
  return Object.keys(PROFILES);
}

/** The footer's words for a profile; an unknown id (a record from another version) gets none. */
export function profileNotes(id: string): ProfileNotes | null {
  return Object.hasOwn(NOTES, id) ? (NOTES[id] ?? null) : null;
}
