/**
 * Deepgram's Configure on an open /v1/listen stream: new keyterms for the rest of the stream,
 * answered with exactly one ConfigureSuccess (listing the keyterms now in effect) or
 * ConfigureFailure. Refused as Deepgram refuses them at the handshake: keyterms on a model other
 * than Nova-3, or more than 500 tokens in total. (Deepgram's own behaviour over the limit has
 * also been reported as a silent stop and a 1011 close later; the emulator answers instead, so a
 * client that sends too many sees it at once.)
 */
import type { ListenOptions } from './listen-query';

const keytermTokenLimit = 500;

export interface ConfigureOutcome {
  reply: Record<string, unknown>;
  /** The stream's keyterms from now on; null when they stay as they were. */
  keyterms: string[] | null;
}

function failure(requestId: string, description: string): ConfigureOutcome {
  return { reply: { type: 'ConfigureFailure', request_id: requestId, description }, keyterms: null };
}

export function answerConfigure(
  message: unknown,
  listen: ListenOptions,
  requestId: string,
): ConfigureOutcome {
  const fields = typeof message === 'object' && message !== null ? (message as Record<string, unknown>) : {};
  const keyterms = fields.keyterms;
  if (keyterms === undefined || keyterms === null) {
    return { reply: { type: 'ConfigureSuccess', request_id: requestId }, keyterms: null };
  }
  if (!Array.isArray(keyterms) || !keyterms.every((term) => typeof term === 'string')) {
    return failure(requestId, 'keyterms must be an array of strings.');
  }
  if (!listen.model.startsWith('nova-3')) {
    return failure(requestId, 'Keyterm prompting is only supported for Nova-3 models.');
  }
  const tokens = keyterms.reduce((total, term) => total + term.split(/\s+/).filter(Boolean).length, 0);
  if (tokens > keytermTokenLimit) {
    return failure(
      requestId,
      'Keyterm limit exceeded. The maximum number of tokens across all keyterms is 500.',
    );
  }
  return {
    reply: { type: 'ConfigureSuccess', request_id: requestId, keyterms: [...keyterms] },
    keyterms: [...keyterms],
  };
}
