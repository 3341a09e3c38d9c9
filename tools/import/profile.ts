/**
 * What the importer needs of a publisher's conventions: the labels that decide how HTML becomes
 * lines. They are read from the article parser's profiles (src/content/profiles/), the one place a
 * publisher's conventions live, so the importer and the parser never disagree on them.
 */
import { profileById, profileIds, type PublisherProfile } from '../../src/content/profiles/index.js';
import type { ConversionOptions } from './html.js';

export interface ImportProfile extends ConversionOptions {
  readonly id: string;
}

/** Promotions are their read-also labels; a bold line that is a byline or a credit is not a sub-heading. */
function importProfile(profile: PublisherProfile): ImportProfile {
  return {
    id: profile.id,
    readAlsoLabels: profile.readAlsoLabels,
    notHeadingLabels: ['Oleh', 'By', ...profile.creditLabels],
  };
}

export const PROFILES: ReadonlyMap<string, ImportProfile> = new Map(
  profileIds().flatMap((id) => {
    const profile = profileById(id);
    return profile === null ? [] : [[id, importProfile(profile)] as const];
  }),
);

export { DEFAULT_PROFILE } from '../../src/content/profiles/index.js';
