import type { ProfileNotes, PublisherProfile } from './profile.js';

/** Kantor Berita MINA (Mi’raj News Agency), minanews.net: Indonesian and English editions. */
export const mina: PublisherProfile = {
  id: 'mina',
  agencies: ['MINA', 'Mi’raj News Agency', "Mi'raj News Agency", 'Mi’raj Islamic News Agency', "Mi'raj Islamic News Agency"],
  sourceLine: /^\p{L}[\p{L}\p{M}’'.\- ]*\(\p{Lu}{2,}\)$/u,
  // A letter first, so a date such as "(31/10)" ending a sentence is never taken for a code.
  editorCode: /\(\p{Lu}[\p{L}\d-]{0,9}(?:\s?\/\s?[\p{L}\d][\p{L}\d-]{0,9}){1,5}\)$/u,
  endMarker: /\[(?:\s*|\p{L}[\p{L}\p{M}\d .’'/-]{0,39})\]$/u,
  readAlsoLabels: ['Baca Juga', 'Also Read', 'Read Also'],
  // "Oleh" also starts sentences ("Oleh karena itu, …"): without its colon, only capitalised
  // words (a name, a role) may follow it.
  byline: /^(?:(?:Oleh\s*:|By\s*:?(?=\s))\s*\p{Lu}|Oleh(?:\s+[\p{Lu}(][\p{L}\p{M}.'’)*-]*,?)+$)/u,
  creditLabels: ['Wartawan', 'Reporter', 'Editor', 'Penyunting', 'Redaktur', 'Penulis', 'Writer'],
  photoCredit: /\((?:Foto|Photo|Ilustrasi|Illustration|Gambar|Sumber foto)\b[^()]*\)\.?$|^(?:Foto|Photo)\s*:/iu,
  timeZone: 'Asia/Jakarta',
};

/** Kept apart from `mina` so the page script, which needs only these words, carries nothing else. */
export const minaNotes: ProfileNotes = {
  editorCode: {
    id: 'singkatan nama penulis dan penyunting di kantor berita.',
    en: "the initials of the news agency's writer and editor.",
  },
};
