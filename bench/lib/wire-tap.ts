/**
 * Parent side of wire-tap-child.ts: starts the tap in its own Node process in front of an
 * upstream (the emulator) and reads back what arrived, and when, on the tap's clock.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { estimateClockOffset, type ClockOffset } from './clock-offset';

export interface TapArrival {
  /** Arrival on the tap's clock (epoch milliseconds, microsecond resolution). */
  at: number;
  bytes: number;
}

export interface TapText {
  at: number;
  text: string;
}

export interface TapConnection {
  id: string;
  /** '/v1/listen' (relayed to the emulator) or '/seed-sink' (recorded only). */
  path: string;
  openedAt: number;
  /** Binary messages from the client, in order. */
  binary: TapArrival[];
  /** Text messages from the client (KeepAlive, Finalize, CloseStream). */
  fromClientText: TapText[];
  /** Text messages from the emulator to the client (results, metadata). */
  fromServerText: TapText[];
}

export type TapCommand =
  | { type: 'clock'; id: number }
  | { type: 'connections'; id: number; withPayload: boolean }
  | { type: 'clear'; id: number }
  | { type: 'close'; id: number };

export type TapReply =
  | { type: 'ready'; url: string }
  | { type: 'clock'; id: number; at: number }
  | { type: 'connections'; id: number; connections: Array<TapConnection & { payloadBase64: string }> }
  | { type: 'done'; id: number };

export interface WireTap {
  url: string;
  /** The tap's clock, read over the IPC channel. */
  readClock(): Promise<number>;
  /** Tap clock − this process's clock (epoch ms), measured by round trips. */
  offsetFromHere(): Promise<ClockOffset>;
  connections(withPayload: boolean): Promise<Array<TapConnection & { payload: Buffer }>>;
  clear(): Promise<void>;
  close(): Promise<void>;
}

export const epochNow = (): number => performance.timeOrigin + performance.now();

export async function startWireTap(upstreamUrl: string): Promise<WireTap> {
  const child: ChildProcess = fork(resolve(import.meta.dirname, 'wire-tap-child.ts'), [upstreamUrl], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let nextId = 1;
  const pending = new Map<number, (reply: TapReply) => void>();
  const url = await new Promise<string>((resolveReady, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`The wire tap exited early (code ${code}).`)));
    child.on('message', (message: TapReply) => {
      if (message.type === 'ready') resolveReady(message.url);
      else pending.get(message.id)?.(message);
    });
  });
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const ask = <T extends TapReply>(command: TapCommand): Promise<T> =>
    new Promise<T>((done) => {
      pending.set(command.id, (message) => {
        pending.delete(command.id);
        done(message as T);
      });
      child.send(command);
    });
  const readClock = async () =>
    (await ask<Extract<TapReply, { type: 'clock' }>>({ type: 'clock', id: nextId++ })).at;
  return {
    url,
    readClock,
    offsetFromHere: () => estimateClockOffset(epochNow, readClock),
    async connections(withPayload) {
      const answer = await ask<Extract<TapReply, { type: 'connections' }>>({
        type: 'connections',
        id: nextId++,
        withPayload,
      });
      return answer.connections.map(({ payloadBase64, ...connection }) => ({
        ...connection,
        payload: Buffer.from(payloadBase64, 'base64'),
      }));
    },
    async clear() {
      await ask({ type: 'clear', id: nextId++ });
    },
    async close() {
      if (child.exitCode !== null) return;
      child.send({ type: 'close', id: nextId++ });
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
