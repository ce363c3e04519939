/** Keyterms changed while a session runs: what main did with them, in a sentence for the live view. */

/**
 * - `now`: Deepgram confirmed them on the open connection (Configure).
 * - `next-connection`: the endpoint cannot change them on an open stream (or did not confirm):
 *   the session's next connection uses them.
 * - `next-session`: no session is running; they are saved for the next one.
 */
export type KeytermsTakeEffect = 'now' | 'next-connection' | 'next-session';

export interface KeytermUpdate {
  keyterms: string[];
  takesEffect: KeytermsTakeEffect;
  sentence: string;
}

export const keytermUpdateSentences: Record<KeytermsTakeEffect, string> = {
  now: 'Keyterms updated: Deepgram uses them from now on in this session.',
  'next-connection':
    'Keyterms saved. This endpoint cannot change them during a session, so they apply when the session next connects (or at the next session).',
  'next-session': 'Keyterms saved for the next session.',
};
