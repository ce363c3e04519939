/** The names a person gives a session and its speakers: printable text of bounded length. */
import { sessionTitleMaxLength, speakerKeyMaxLength, speakerNameMaxLength } from '../../../shared/history';
import { EarshotError } from '../../../shared/user-facing-error';

const printable = /^[^\p{Cc}\p{Cs}]*$/u;

/** The title to store: trimmed, '' when none (null or blank gives back the first words). */
export function cleanSessionTitle(title: string | null): string {
  const clean = (title ?? '').trim();
  if (clean.length > sessionTitleMaxLength || !printable.test(clean))
    throw new EarshotError(
      'invalid-request',
      'A session name must be printable text of at most 200 characters.',
    );
  return clean;
}

/** The speaker's name to store: trimmed, '' to forget it. */
export function cleanSpeakerName(speakerKey: string, name: string): string {
  const clean = name.trim();
  if (
    speakerKey.length < 1 ||
    speakerKey.length > speakerKeyMaxLength ||
    !printable.test(speakerKey) ||
    clean.length > speakerNameMaxLength ||
    !printable.test(clean)
  )
    throw new EarshotError(
      'invalid-request',
      'A speaker name must be printable text of at most 100 characters.',
    );
  return clean;
}
