/**
 * A publisher's conventions: how its datelines name the agency, what its sign-off, editors' code,
 * promotions, bylines and credits look like, and what the article footer says about them. The
 * parser and the templates read these from a profile, so a second publisher is a new profile
 * file (and a line in ./index.ts), never a change to the parser or the templates.
 */
export interface PublisherProfile {
  /** The id front matter names in `profile:`. */
  readonly id: string;
  /**
   * The agency as datelines name it: "MINA" ("Jenewa, MINA –", "MINA –"), "Mi’raj News Agency"
   * ("Jakarta, Mi’raj News Agency (MINA) –"). Any acronym in brackets counts after a place and a
   * dash; only these names count without a place, or without a dash.
   */
  readonly agencies: readonly string[];
  /** The source line, alone on its line: "Mi’raj News Agency (MINA)". */
  readonly sourceLine: RegExp;
  /** The editors' code that ends the last paragraph, anchored at the end: "(T/Hju/P2)", "(T/AB2/CD-1)". */
  readonly editorCode: RegExp;
  /** An end marker, anchored at the end: "[Nama]", "[]". */
  readonly endMarker: RegExp;
  /** Labels of a promotion line, each followed by a colon: "Baca Juga", "Also Read". */
  readonly readAlsoLabels: readonly string[];
  /** A byline and its label: "Oleh: Nama*", "Oleh : Nama, Redaktur", "By Name, Role". */
  readonly byline: RegExp;
  /** Labels of a credit line, each followed by a colon: "Wartawan", "Editor". */
  readonly creditLabels: readonly string[];
  /** What makes a line above the dateline a photo caption: "(Foto: MINA)". */
  readonly photoCredit: RegExp;
  /** The publisher's time zone: a time given in UTC is dated as it was there. */
  readonly timeZone: string;
}

/** What the article footer says about a publisher's conventions, in each interface language. */
export interface ProfileNotes {
  /** Explains the editors' code after "Kode redaksi (T/Hju/P2):". */
  readonly editorCode: Readonly<Record<'id' | 'en', string>>;
}
