export type DecodeResult =
  | { readonly ok: true; readonly text: string }
  | { readonly ok: false; readonly line: number; readonly message: string };

/**
 * Decodes bytes as strict UTF-8. `TextDecoder` with `fatal: true` decides; when it refuses, we
 * find the first bad byte ourselves only to tell the publisher which line to look at.
 */
export function decodeUtf8(bytes: Uint8Array): DecodeResult {
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    const offset = firstInvalidByte(bytes);
    let line = 1;
    for (let i = 0; i < offset; i += 1) if (bytes[i] === 0x0a) line += 1;
    const hex = (bytes[offset] ?? 0).toString(16).padStart(2, '0').toUpperCase();
    return { ok: false, line, message: `invalid UTF-8 (byte 0x${hex} at offset ${offset}); save the file as UTF-8` };
  }
}

/** The offset of the first byte that breaks UTF-8 (RFC 3629), or the length if none does. */
function firstInvalidByte(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i] ?? 0;
    const [length, min, max] = sequence(lead);
    if (length === 0) return i;
    for (let k = 1; k < length; k += 1) {
      const next = bytes[i + k];
      // The second byte's range is narrowed to rule out overlongs, surrogates and > U+10FFFF.
      const low = k === 1 ? min : 0x80;
      const high = k === 1 ? max : 0xbf;
      if (next === undefined || next < low || next > high) return i;
    }
    i += length;
  }
  return bytes.length;
}

/** Sequence length and the allowed range of the second byte for a lead byte (0: not a lead). */
function sequence(lead: number): [number, number, number] {
  if (lead <= 0x7f) return [1, 0, 0];
  if (lead >= 0xc2 && lead <= 0xdf) return [2, 0x80, 0xbf];
  if (lead === 0xe0) return [3, 0xa0, 0xbf];
  if (lead === 0xed) return [3, 0x80, 0x9f];
  if (lead >= 0xe1 && lead <= 0xef) return [3, 0x80, 0xbf];
  if (lead === 0xf0) return [4, 0x90, 0xbf];
  if (lead >= 0xf1 && lead <= 0xf3) return [4, 0x80, 0xbf];
  if (lead === 0xf4) return [4, 0x80, 0x8f];
  return [0, 0, 0];
}
