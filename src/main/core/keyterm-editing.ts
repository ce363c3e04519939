/**
 * Keyterms edited in the live view during a session: saved like any setting (same checks,
 * including the 500-token limit), then handed to the running session, which sends Configure
 * where the endpoint supports it. Budgeted, because each change may send a message to Deepgram.
 */
import { keytermUpdateSentences, type KeytermUpdate } from '../../shared/keyterm-update';
import type { Settings } from '../../shared/settings';
import { createRequestBudget } from './request-budget';
import type { SessionController } from './session/session-types';

/** A person edits keyterms a few times a minute; a loop meets the wall after a burst of 10. */
const keytermChangesBudget = { capacity: 10, refillEveryMs: 2_000, what: 'keyterm changes' } as const;

export function createKeytermEditing(deps: {
  saveKeyterms: (keyterms: string[]) => Settings;
  session: Pick<SessionController, 'updateKeyterms'>;
  now: () => number;
}): (request: { keyterms: string[] }) => Promise<KeytermUpdate> {
  const budget = createRequestBudget({ ...keytermChangesBudget, now: deps.now });
  return async ({ keyterms }) => {
    budget.spend();
    const saved = deps.saveKeyterms(keyterms).keyterms;
    const applied = await deps.session.updateKeyterms(saved);
    const takesEffect = applied ?? 'next-session';
    return { keyterms: [...saved], takesEffect, sentence: keytermUpdateSentences[takesEffect] };
  };
}
