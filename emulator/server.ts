import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { Accounts } from './accounts';
import { newRequestId, refuseUpgrade } from './errors';
import type { Faults } from './faults';
import { credentialFromSubprotocols } from './handshake-auth';
import { decideHandshake, newConnectionRecord } from './listen-handshake';
import { ListenSocket } from './listen-socket';
import type { Recorder } from './recorder';
import { RestApi } from './rest-api';
import type { Transcriber } from './transcriber';

export interface ServerOptions {
  host: string;
  port: number;
  idleTimeoutMs: number;
  strictKeepAlive: boolean;
  accounts: Accounts;
  recorder: Recorder;
  faults: Faults;
  /** A transcriber for one connection; with multichannel=true, one per channel (0 first). */
  makeTranscriber: (channel?: number) => Transcriber;
}

interface LiveSocket {
  socket: ListenSocket;
  projectId: string;
}

/** The HTTP server: REST routes, and /v1/listen upgrades handed to ListenSocket. */
export class EmulatorServer {
  readonly live = new Set<LiveSocket>();
  private readonly http: Server;
  private readonly wss = new WebSocketServer({
    noServer: true,
    perMessageDeflate: false,
    handleProtocols: (_protocols, request) =>
      credentialFromSubprotocols(request.headers['sec-websocket-protocol'])?.protocol ?? false,
  });
  private readonly requestIds = new WeakMap<IncomingMessage, string>();
  private serial = 0;

  constructor(private readonly options: ServerOptions) {
    const rest = new RestApi(options.accounts, options.recorder);
    this.http = createServer((request, response) => void rest.handle(request, response));
    this.http.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) =>
      this.onUpgrade(request, socket, head),
    );
    this.wss.on('headers', (headers, request) => {
      const requestId = this.requestIds.get(request);
      if (requestId) headers.push(`dg-request-id: ${requestId}`);
      headers.push(
        'access-control-expose-headers: dg-model-name,dg-model-uuid,dg-char-count,dg-request-id,dg-error',
      );
    });
  }

  get nextSerial(): number {
    return this.serial + 1;
  }

  async listen(): Promise<AddressInfo> {
    await new Promise<void>((resolve, reject) => {
      this.http.once('error', reject);
      this.http.listen(this.options.port, this.options.host, () => {
        this.http.off('error', reject);
        resolve();
      });
    });
    return this.http.address() as AddressInfo;
  }

  async close(): Promise<void> {
    for (const { socket } of this.live) socket.drop();
    this.wss.close();
    this.http.closeAllConnections();
    await new Promise<void>((resolve) => this.http.close(() => resolve()));
  }

  private liveStreams(projectId: string): number {
    let count = 0;
    for (const live of this.live) if (live.projectId === projectId) count += 1;
    return count;
  }

  private onUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    socket.on('error', () => undefined);
    const requestId = newRequestId();
    const { recorder, accounts, faults } = this.options;
    const { verdict, record } = decideHandshake({
      request,
      accounts,
      faults,
      liveStreams: (projectId) => this.liveStreams(projectId),
      makeRecord: (query, presented, credential) =>
        newConnectionRecord({
          id: `conn-${this.serial + 1}`,
          requestId,
          request,
          query,
          presented,
          credential,
        }),
    });
    this.serial += 1;
    recorder.connections.push(record);
    recorder.changed();
    if (!verdict.accepted) {
      refuseUpgrade(socket, verdict.error, requestId);
      return;
    }
    this.requestIds.set(request, requestId);
    const serial = this.serial;
    this.wss.handleUpgrade(request, socket, head, (ws) => {
      const listenSocket = new ListenSocket({
        ws,
        serial,
        requestId,
        listen: verdict.options,
        record,
        recorder,
        faults,
        transcriber: this.options.makeTranscriber(0),
        channelTranscriber: (channel) => this.options.makeTranscriber(channel),
        idleTimeoutMs: this.options.idleTimeoutMs,
        strictKeepAlive: this.options.strictKeepAlive,
        onClosed: () => this.live.delete(live),
      });
      const live: LiveSocket = { socket: listenSocket, projectId: verdict.projectId };
      this.live.add(live);
    });
  }
}
