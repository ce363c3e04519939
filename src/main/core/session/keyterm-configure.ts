/**
 * New keyterms for a running session. The session's listen query takes them at once, so every
 * later connection asks for them. Where the endpoint supports Configure (Deepgram's global
 * endpoint), they also go to the open connection, and count as applied once Deepgram confirms.
 */
import { countKeytermTokens, keytermLimits } from '../../../shared/settings';
import { EarshotError } from '../../../shared/user-facing-error';
import type { Logger } from '../logger';
import { endpointSupportsConfigure } from './configure-message';
import type { ListenConnection } from './listen-connection';
import type { ListenQuery } from './listen-query';
import type { RunningSessionKeyterms } from './session-types';

/** How long Deepgram has to answer a Configure before the keyterms count as waiting for the next connection. */
export const configureAnswerTimeoutMs = 3000;

export async function configureSessionKeyterms(args: {
  keyterms: readonly string[];
  /** The session's own query object: the keeper reads it on every connection. */
  query: ListenQuery;
  connection: ListenConnection | null;
  endpoint: string;
  configureSupported?: (endpoint: string) => boolean;
  sessionId: string;
  log: Logger;
}): Promise<RunningSessionKeyterms> {
  const { keyterms, query, connection, log, sessionId } = args;
  const tokens = countKeytermTokens(keyterms);
  // Over Deepgram's limit a stream silently stops transcribing and is closed later: never send that.
  if (tokens > keytermLimits.maxTotalTokens) {
    throw new EarshotError(
      'invalid-request',
      `Keyterms may hold at most ${keytermLimits.maxTotalTokens} words in total; these hold ${tokens}.`,
    );
  }
  if (keyterms.length > 0) query.keyterm = [...keyterms];
  else delete query.keyterm;
  const supported = (args.configureSupported ?? endpointSupportsConfigure)(args.endpoint);
  if (!supported || connection === null) {
    log.info('keyterms wait for the next connection', {
      sessionId,
      supported,
      connected: connection !== null,
    });
    return 'next-connection';
  }
  const answer = await connection.sendConfigure(keyterms, configureAnswerTimeoutMs);
  if (answer?.ok) {
    log.info('keyterms configured on the open connection', { sessionId, terms: keyterms.length });
    return 'now';
  }
  log.warn('configure not confirmed; keyterms wait for the next connection', {
    sessionId,
    answered: answer !== null,
    reason: answer && !answer.ok ? answer.reason : null,
  });
  return 'next-connection';
}
