import type { IncomingMessage } from 'node:http';
import { expandScopes, type Accounts, type Credential } from './accounts';
import { errorForStatus, errors, type DeepgramError } from './errors';
import type { Faults } from './faults';
import { presentedCredential, type PresentedCredential } from './handshake-auth';
import { parseListenQuery, queryFromUrl, type ListenOptions, type QueryValues } from './listen-query';
import type { RecordedConnection } from './recorder';

export type HandshakeVerdict =
  | { accepted: true; options: ListenOptions; projectId: string; protocol: string | undefined }
  | { accepted: false; error: DeepgramError };

function headerRecord(request: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}

export function newConnectionRecord(args: {
  id: string;
  requestId: string;
  request: IncomingMessage;
  query: QueryValues;
  presented: PresentedCredential | undefined;
  credential: Credential | undefined;
}): RecordedConnection {
  const { presented, credential } = args;
  const kind = credential?.kind ?? (presented?.scheme === 'bearer' ? 'access-token' : 'api-key');
  const apiKeyId =
    credential?.kind === 'api-key' ? credential.key.apiKeyId : (credential?.token.apiKeyId ?? null);
  const single = (name: string): string | null => {
    const value = args.query[name];
    return (Array.isArray(value) ? value[0] : value) ?? null;
  };
  const sampleRate = Number(single('sample_rate'));
  const channels = Number(single('channels'));
  return {
    id: args.id,
    requestId: args.requestId,
    openedAt: Date.now(),
    closedAt: null,
    credential: { kind, apiKeyId, via: presented?.via ?? 'header' },
    query: args.query,
    headers: headerRecord(args.request),
    handshakeStatus: 0,
    audio: {
      bytes: 0,
      frames: 0,
      frameSizes: [],
      durationMs: 0,
      sampleRate: Number.isInteger(sampleRate) && sampleRate > 0 ? sampleRate : null,
      encoding: single('encoding'),
      channels: Number.isInteger(channels) && channels > 0 ? channels : 1,
    },
    controlMessages: [],
    emptyBinaryFrames: 0,
    closeCode: null,
    closeReason: null,
    results: [],
    fault: null,
  };
}

/**
 * Decides a /v1/listen upgrade in Deepgram's order: injected refusals, credentials, permission,
 * query, credit, concurrency. Fills the connection record as it goes.
 */
export function decideHandshake(args: {
  request: IncomingMessage;
  accounts: Accounts;
  faults: Faults;
  liveStreams: (projectId: string) => number;
  makeRecord: (
    query: QueryValues,
    presented: PresentedCredential | undefined,
    credential: Credential | undefined,
  ) => RecordedConnection;
}): { verdict: HandshakeVerdict; record: RecordedConnection } {
  const { request, accounts } = args;
  const url = new URL(request.url ?? '/', 'http://emulator.invalid');
  const query = queryFromUrl(url);
  const presented = presentedCredential(request);
  const credential = presented ? accounts.authenticate(presented.scheme, presented.value) : undefined;
  const record = args.makeRecord(query, presented, credential);
  const refuse = (error: DeepgramError): { verdict: HandshakeVerdict; record: RecordedConnection } => {
    record.handshakeStatus = error.status;
    record.closedAt = record.openedAt;
    return { verdict: { accepted: false, error }, record };
  };

  if (url.pathname !== '/v1/listen')
    return refuse(errors.notFound(`No WebSocket route for ${url.pathname}.`));
  const injected = args.faults.takeRefusal();
  if (injected !== undefined) {
    record.fault = { kind: 'refused', status: injected.status, source: injected.source };
    return refuse(errorForStatus(injected.status));
  }
  if (!credential) return refuse(errors.invalidAuth());
  const granted = credential.kind === 'api-key' ? credential.key.granted : expandScopes(['usage:write']);
  if (!granted.has('usage:write')) return refuse(errors.insufficientPermissions(401));
  const parsed = parseListenQuery(query);
  if ('error' in parsed) return refuse(parsed.error);
  const projectId = credential.kind === 'api-key' ? credential.key.projectId : credential.token.projectId;
  if (accounts.projects.get(projectId)?.hasCredit === false) return refuse(errors.paymentRequired());
  if (args.liveStreams(projectId) >= accounts.maxConcurrentStreams) return refuse(errors.tooManyRequests());
  record.handshakeStatus = 101;
  return {
    verdict: { accepted: true, options: parsed.options, projectId, protocol: presented?.protocol },
    record,
  };
}
