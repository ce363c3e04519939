const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** A session's start as History shows it, in the window's own locale. */
export function sessionDate(startedAt: string): string {
  return dateFormat.format(new Date(startedAt));
}
