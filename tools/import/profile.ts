/**
 * What the importer needs of a publisher's conventions. The full profile (datelines, source line,
 * editor codes, credits) is the article parser's (src/content/profiles/); the importer needs only
 * the labels that decide how HTML becomes lines.
 */
import type { ConversionOptions } from './html.js';

export interface ImportProfile extends ConversionOptions {
  readonly id: string;
}

/** MINA: "Baca Juga:" / "Also Read:" promote other articles; bylines and credits are not headings. */
const MINA: ImportProfile = {
  id: 'mina',
  readAlsoLabels: ['Baca Juga', 'Also Read'],
  notHeadingLabels: ['Oleh', 'By', 'Wartawan', 'Editor', 'Reporter', 'Penulis'],
};

export const PROFILES: ReadonlyMap<string, ImportProfile> = new Map([[MINA.id, MINA]]);

export const DEFAULT_PROFILE = MINA.id;
