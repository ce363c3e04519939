import { EarshotError, type ErrorCode } from '../../../shared/user-facing-error';

/**
 * A failure of the live connection, already translated into the sentence the user reads,
 * plus whether trying again can help (network trouble, a busy service) or cannot (a bad key).
 */
export class ConnectionFailure extends EarshotError {
  readonly retryable: boolean;
  readonly status: number | null;
  constructor(
    code: ErrorCode,
    message: string,
    options: { retryable: boolean; status?: number | null; cause?: unknown },
  ) {
    super(code, message, { cause: options.cause });
    this.name = 'ConnectionFailure';
    this.retryable = options.retryable;
    this.status = options.status ?? null;
  }
}

export const failureMessages = {
  badKey: 'Deepgram rejected the API key: it is invalid or has expired. Open Settings and save a valid key.',
  noPermission:
    'The API key is not allowed to stream audio. Use a key with the Member role or higher, or ask your Deepgram admin.',
  noCredit:
    'The Deepgram project has run out of credit. Add credit in the Deepgram console, then press Start again.',
  tooManyStreams:
    'Deepgram is already handling as many live streams as this project allows. Stop another stream or try again in a minute.',
  unreachable:
    'Earshot cannot reach the Deepgram endpoint. Check your network connection and the endpoint URL in Settings.',
  serviceUnavailable:
    'Deepgram is temporarily unavailable. Earshot will keep trying; you can also try again later.',
  connectionLost: 'The connection to Deepgram was lost. Check your network connection and press Start again.',
  undecodableAudio:
    'Deepgram could not decode the audio Earshot sent and closed the connection. Press Start again; if it happens again, restart Earshot.',
} as const;

export function badOptionMessage(deepgramMessage: string | null): string {
  const detail = deepgramMessage?.trim();
  if (!detail) return 'Deepgram refused one of the transcription settings. Check Settings and try again.';
  const sentence = /[.!?]$/.test(detail) ? detail : `${detail}.`;
  return `Deepgram refused one of the transcription settings: ${sentence} Check Settings and try again.`;
}

/** The SDK hides a refused upgrade's status; `ws` puts it in the message, so read it from there. */
export function handshakeStatusFromMessage(message: string): number | null {
  const match = /Unexpected server response: (\d{3})/.exec(message);
  return match ? Number(match[1]) : null;
}

export function failureForStatus(status: number, deepgramMessage: string | null = null): ConnectionFailure {
  switch (status) {
    case 400:
      return new ConnectionFailure('bad-option', badOptionMessage(deepgramMessage), {
        retryable: false,
        status,
      });
    case 401:
      return new ConnectionFailure('bad-key', failureMessages.badKey, { retryable: false, status });
    case 402:
      return new ConnectionFailure('no-credit', failureMessages.noCredit, { retryable: false, status });
    case 403:
      return new ConnectionFailure('no-permission', failureMessages.noPermission, {
        retryable: false,
        status,
      });
    case 429:
      return new ConnectionFailure('too-many-streams', failureMessages.tooManyStreams, {
        retryable: true,
        status,
      });
    default:
      if (status >= 500) {
        return new ConnectionFailure('connection-lost', failureMessages.serviceUnavailable, {
          retryable: true,
          status,
        });
      }
      return new ConnectionFailure('connection-lost', failureMessages.connectionLost, {
        retryable: true,
        status,
      });
  }
}

const networkErrorPattern =
  /ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|ECONNRESET|EHOSTUNREACH|ENETUNREACH|ENETDOWN|EPIPE|socket hang up|TIMEOUT|fetch failed|network/i;

/** Classifies an error that carries no HTTP status: network trouble is retryable, the rest is ours. */
export function failureForNetworkError(message: string, cause?: unknown): ConnectionFailure {
  if (networkErrorPattern.test(message)) {
    return new ConnectionFailure('endpoint-unreachable', failureMessages.unreachable, {
      retryable: true,
      cause,
    });
  }
  return new ConnectionFailure('connection-lost', failureMessages.connectionLost, { retryable: true, cause });
}

/**
 * Close codes after a connection was open. 1008 (undecodable data) and protocol errors will
 * fail again on a new connection; everything else (1006 drop, 1011 timeouts, 1012/1013
 * restarts, 4xxx) is worth another connection.
 */
export function failureForClose(code: number, reason: string): ConnectionFailure {
  if (code === 1008 || code === 1003 || code === 1007) {
    return new ConnectionFailure('connection-lost', failureMessages.undecodableAudio, { retryable: false });
  }
  if (code === 1002) {
    return new ConnectionFailure('connection-lost', failureMessages.connectionLost, { retryable: false });
  }
  return new ConnectionFailure('connection-lost', failureMessages.connectionLost, {
    retryable: true,
    cause: new Error(`closed ${code} ${reason}`),
  });
}
