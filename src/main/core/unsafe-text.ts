/**
 * What text chosen by someone else (a window's payload, a server's error) may not carry into
 * a log line or a sentence the user reads, and how such text is cut without breaking it.
 */

/**
 * Characters that break a line or hide or reorder text on screen: controls (C0, C1, DEL),
 * zero-width and other format characters, line and paragraph separators, and the
 * bidirectional overrides and isolates.
 */
export const unsafeTextCharacters =
  /[\p{Cc}\u200B-\u200F\u2028\u2029\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/gu;

/** At most maxLength UTF-16 units of text, never ending on half of a surrogate pair. */
export function sliceWhole(text: string, maxLength: number): string {
  const cut = text.slice(0, maxLength);
  return /[\uD800-\uDBFF]$/.test(cut) ? cut.slice(0, -1) : cut;
}
