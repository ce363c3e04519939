/**
 * Text a server chose (error bodies, dg-error, close reasons) reaches the user's window and
 * main's log. Whoever runs the endpoint may be hostile, so that text is cut short and
 * stripped of control and bidirectional-override characters first.
 */
export const serverTextMaxLength = 300;

// Control characters, and the format characters that reorder or hide text on screen.
const unsafeCharacters = /[\p{Cc}\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/gu;

export function serverText(text: string, maxLength: number = serverTextMaxLength): string {
  const cleaned = text.replace(unsafeCharacters, ' ').replace(/\s+/g, ' ').trim();
  if (cleaned.length <= maxLength) return cleaned;
  // Never split a surrogate pair.
  const cut = [...cleaned.slice(0, maxLength)].join('').replace(/[\uD800-\uDBFF]$/, '');
  return `${cut.trimEnd()}…`;
}
