/**
 * Text a server chose (error bodies, dg-error, close reasons) reaches the user's window and
 * main's log. Whoever runs the endpoint may be hostile, so that text is cut short and
 * stripped of control and bidirectional-override characters first.
 */
import { sliceWhole, unsafeTextCharacters } from '../unsafe-text';

export const serverTextMaxLength = 300;

export function serverText(text: string, maxLength: number = serverTextMaxLength): string {
  const cleaned = text.replace(unsafeTextCharacters, ' ').replace(/\s+/g, ' ').trim();
  if (cleaned.length <= maxLength) return cleaned;
  return `${sliceWhole(cleaned, maxLength).trimEnd()}…`;
}
