/** A physical line of the input, without its terminator, at UTF-16 offsets into the text. */
export interface Line {
  /** 1-based line number. */
  readonly number: number;
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/** Splits text into lines on LF, CRLF or a lone CR; a missing final newline is fine. */
export function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  const terminator = /\r\n|\r|\n/g;
  let start = 0;
  let number = 1;
  for (const match of text.matchAll(terminator)) {
    lines.push({ number, start, end: match.index, text: text.slice(start, match.index) });
    start = match.index + match[0].length;
    number += 1;
  }
  if (start < text.length || lines.length === 0) {
    lines.push({ number, start, end: text.length, text: text.slice(start) });
  }
  return lines;
}

/**
 * Blank means white space as JavaScript's `\s` sees it, which includes the byte-order mark and
 * no-break spaces. The parser and the coverage invariant use this one definition.
 */
export function isBlank(text: string): boolean {
  return /^\s*$/u.test(text);
}

/** The line's text without surrounding white space, with the offsets of what is left. */
export function trimLine(line: Line): Line {
  const leading = line.text.length - line.text.trimStart().length;
  const text = line.text.trim();
  return { number: line.number, start: line.start + leading, end: line.start + leading + text.length, text };
}

/** The 1-based line number of a UTF-16 offset. */
export function lineOf(text: string, offset: number): number {
  return splitLines(text.slice(0, offset)).length;
}
