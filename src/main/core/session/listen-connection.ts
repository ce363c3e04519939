import { DeepgramClient } from '@deepgram/sdk';
import { errorName, type Logger } from '../logger';
import type { ConnectionFailure } from './connection-failure';
import {
  failureForClose,
  failureForNetworkError,
  failureForStatus,
  handshakeStatusFromMessage,
} from './connection-failure';
import { PendingConfigures, configureMessage, type ConfigureAnswer } from './configure-message';
import { parseListenMessage, type ListenMessage } from './listen-messages';
import { listenUrl, type ListenQuery } from './listen-query';
import { fetchRefusalDetail } from './refusal-detail';
import { serverText } from './server-text';

/** What authenticates one upgrade: a project key ("Token") or a minted access token ("Bearer"). */
export interface StreamingAuth {
  scheme: 'token' | 'bearer';
  secret: string;
}

function authorizationHeader(auth: StreamingAuth): string {
  return `${auth.scheme === 'bearer' ? 'Bearer' : 'Token'} ${auth.secret}`;
}

export interface ListenConnectionHandlers {
  onMessage(message: ListenMessage): void;
  /**
   * The connection ended without our asking: the failure says why and whether another
   * connection may help. After CloseStream a close 1000 is reported as `expected`.
   */
  onClose(event: {
    code: number;
    reason: string;
    expected: boolean;
    failure: ConnectionFailure | null;
  }): void;
}

export interface ListenConnection {
  /** False when the socket is no longer open (the frame was not sent). */
  sendAudio(frame: Uint8Array): boolean;
  /** A text frame {"type":"KeepAlive"}: an empty binary frame would end the stream. */
  sendKeepAlive(): boolean;
  sendFinalize(): boolean;
  sendCloseStream(): boolean;
  /** Configure: new keyterms on the open stream; Deepgram's answer, or null when none came in time. */
  sendConfigure(keyterms: readonly string[], answerTimeoutMs: number): Promise<ConfigureAnswer | null>;
  close(): void;
}

export interface OpenListenConnectionOptions {
  endpoint: string;
  query: ListenQuery;
  auth: StreamingAuth;
  handlers: ListenConnectionHandlers;
  connectTimeoutMs: number;
  log: Logger;
}

type ListenSocket = Awaited<ReturnType<DeepgramClient['listen']['v1']['connect']>>;

function errorMessage(error: unknown): string {
  if (typeof error === 'object' && error !== null && 'message' in error) {
    const message = (error as { message: unknown }).message;
    if (typeof message === 'string') return message;
  }
  return String(error);
}

async function failureForHandshakeError(
  message: string,
  options: OpenListenConnectionOptions,
): Promise<ConnectionFailure> {
  const status = handshakeStatusFromMessage(message);
  if (status === null) return failureForNetworkError(message);
  if (status !== 400) return failureForStatus(status);
  const detail = await fetchRefusalDetail(
    listenUrl(options.endpoint, options.query),
    authorizationHeader(options.auth),
    Math.min(options.connectTimeoutMs, 5000),
  );
  return failureForStatus(400, detail?.status === 400 ? detail.message : null);
}

/**
 * Opens one /v1/listen connection through the SDK with its own reconnection off (the
 * session owns reconnection). Resolves once the socket is open; rejects with a
 * ConnectionFailure that says what went wrong in words the user can act on.
 */
export async function openListenConnection(options: OpenListenConnectionOptions): Promise<ListenConnection> {
  const { auth, handlers, log } = options;
  const client = new DeepgramClient({
    ...(auth.scheme === 'bearer' ? { accessToken: auth.secret } : { apiKey: auth.secret }),
    baseUrl: options.endpoint,
  });
  let socket: ListenSocket;
  try {
    socket = await client.listen.v1.connect({
      ...options.query,
      model: String(options.query.model),
      reconnectAttempts: 0,
      shouldReconnect: () => false,
      connectionTimeoutInSeconds: options.connectTimeoutMs / 1000,
    });
  } catch (error) {
    const status = (error as { statusCode?: unknown }).statusCode;
    if (typeof status === 'number') {
      const body = (error as { body?: unknown }).body;
      const detail =
        typeof body === 'object' && body !== null ? (body as { err_msg?: unknown }).err_msg : undefined;
      throw failureForStatus(status, typeof detail === 'string' ? detail : null);
    }
    throw failureForNetworkError(errorMessage(error), error);
  }

  let opened = false;
  let closedByUs = false;
  let closeStreamSent = false;
  let lastError: string | null = null;
  let reportedClose = false;

  const configures = new PendingConfigures();
  socket.on('message', (raw) => {
    if (configures.answer(raw)) return;
    const message = parseListenMessage(raw);
    if (message) handlers.onMessage(message);
  });
  socket.on('error', (error) => {
    lastError = errorMessage(error);
  });
  socket.on('close', (event) => {
    configures.closed();
    if (!opened || closedByUs || reportedClose) return;
    const code = typeof event.code === 'number' ? event.code : 1006;
    const reason = typeof event.reason === 'string' ? serverText(event.reason) : '';
    // The SDK emits a synthetic close before the error that caused it: look once the error is in.
    queueMicrotask(() => {
      if (closedByUs || reportedClose) return;
      reportedClose = true;
      const expected = closeStreamSent && code === 1000 && lastError === null;
      let failure: ConnectionFailure | null = null;
      if (!expected) {
        failure = lastError !== null ? failureForNetworkError(lastError) : failureForClose(code, reason);
      }
      log.info('deepgram connection closed', {
        code,
        reason,
        expected,
        failure: failure?.userFacing.code ?? null,
      });
      handlers.onClose({ code, reason, expected, failure });
    });
  });

  socket.connect();
  try {
    await socket.waitForOpen();
  } catch (error) {
    closedByUs = true;
    socket.close();
    throw await failureForHandshakeError(lastError ?? errorMessage(error), options);
  }
  opened = true;

  const send = (action: () => void): boolean => {
    if (closedByUs || reportedClose) return false;
    try {
      action();
      return true;
    } catch (error) {
      // "Socket is not open": the close event that explains it is on its way.
      log.debug('deepgram send failed', { errorName: errorName(error) });
      return false;
    }
  };

  return {
    sendAudio: (frame) => send(() => socket.sendMedia(frame)),
    sendKeepAlive: () => send(() => socket.sendKeepAlive({ type: 'KeepAlive' })),
    sendFinalize: () => send(() => socket.sendFinalize({ type: 'Finalize' })),
    sendCloseStream: () =>
      send(() => {
        socket.sendCloseStream({ type: 'CloseStream' });
        closeStreamSent = true;
      }),
    sendConfigure: (keyterms, answerTimeoutMs) => {
      // The SDK (5.13) has no sendConfigure for /v1/listen: the text frame goes on its socket.
      const sent = send(() => {
        socket.socket.send(configureMessage(keyterms));
      });
      return sent ? configures.expect(answerTimeoutMs) : Promise.resolve(null);
    },
    close: () => {
      if (closedByUs) return;
      closedByUs = true;
      configures.closed();
      socket.close();
    },
  };
}
