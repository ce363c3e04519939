/**
 * Starts main's core in a child process (earshot-core-child.ts) and talks to it as the
 * window would: invoke and send through the contract, events heard as they come. The child
 * reaches the keychain on this process's DBUS_SESSION_BUS_ADDRESS (the run's private one).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { EventMethod, EventPayloadOf, InvokeMethod, ResultOf } from '../../src/shared/ipc-contract';
import type { IpcResult } from '../../src/shared/user-facing-error';
import type { CoreChildCommand, CoreChildLine, CoreChildPlan } from './earshot-core-child';

export type { CoreChildPlan } from './earshot-core-child';

const childScript = fileURLToPath(new URL('./earshot-core-child.ts', import.meta.url));

export interface HeardEvent {
  method: string;
  payload: unknown;
}

export interface CoreChild {
  /** The call's result as main answered it (a refusal is an IpcResult with ok false). */
  invokeResult(method: InvokeMethod, payload?: unknown): Promise<IpcResult<unknown>>;
  /** The call's value; a refusal throws with main's sentence. */
  invoke<M extends InvokeMethod>(method: M, payload?: unknown): Promise<ResultOf<M>>;
  /** Sends 16 kHz mono samples as 20 ms frames at `speed` × real time; resolves once all are sent. */
  pushAudio(samples: Int16Array, speed: number): Promise<void>;
  /** Every event main sent the window, in order. */
  readonly events: HeardEvent[];
  eventsOf<M extends EventMethod>(method: M): Array<EventPayloadOf<M>>;
  /** Resolves once an event (already heard or coming) satisfies the check. */
  waitForEvent<M extends EventMethod>(
    method: M,
    check: (payload: EventPayloadOf<M>) => boolean,
    what: string,
    timeoutMs?: number,
  ): Promise<EventPayloadOf<M>>;
  logLines(): Promise<string[]>;
  /** SIGKILL: nothing in the child gets to run, as when the OS kills the app. */
  kill(): Promise<void>;
  /** Closes stdin: the child disposes its core and exits. */
  close(): Promise<void>;
}

/** A command before it is numbered (Omit over each member of the union). */
type CommandWithoutId = CoreChildCommand extends infer C
  ? C extends unknown
    ? Omit<C, 'id'>
    : never
  : never;

export async function startCoreChild(plan: CoreChildPlan): Promise<CoreChild> {
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', childScript, JSON.stringify(plan)],
    {
      env: process.env,
      stdio: ['pipe', 'pipe', 'pipe'],
    },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));

  const events: HeardEvent[] = [];
  const listeners = new Set<() => void>();
  const replies = new Map<number, (value: unknown) => void>();
  let ready: () => void = () => undefined;
  const isReady = new Promise<void>((resolve) => (ready = resolve));
  createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (text) => {
    if (!text.startsWith('{')) return;
    const line = JSON.parse(text) as CoreChildLine;
    if (line.type === 'ready') ready();
    else if (line.type === 'reply') replies.get(line.id)?.(line.value);
    else {
      events.push({ method: line.method, payload: line.payload });
      for (const listener of [...listeners]) listener();
    }
  });

  const gone = () => new Error(`the core child exited: ${stderr.trim() || 'no message'}`);
  let nextId = 0;
  function request(command: CommandWithoutId): Promise<unknown> {
    const id = (nextId += 1);
    return new Promise((resolve, reject) => {
      replies.set(id, (value) => {
        replies.delete(id);
        resolve(value);
      });
      void exited.then(() => reject(gone()));
      child.stdin?.write(`${JSON.stringify({ ...command, id })}\n`);
    });
  }

  await Promise.race([isReady, exited.then(() => Promise.reject(gone()))]);

  const eventsOf = <M extends EventMethod>(method: M) =>
    events.filter((event) => event.method === method).map((event) => event.payload as EventPayloadOf<M>);

  return {
    events,
    eventsOf,
    invokeResult: (method, payload) =>
      request({ op: 'invoke', method, payload }) as Promise<IpcResult<unknown>>,
    async invoke(method, payload) {
      const result = (await request({ op: 'invoke', method, payload })) as IpcResult<unknown>;
      if (!result.ok) throw new Error(`${method} refused: ${result.error.message}`);
      return result.value as ResultOf<typeof method>;
    },
    async pushAudio(samples, speed) {
      const bytes = Buffer.from(samples.buffer, samples.byteOffset, samples.byteLength);
      await request({ op: 'pushAudio', base64: bytes.toString('base64'), speed });
    },
    waitForEvent(method, check, what, timeoutMs = 20_000) {
      return new Promise((resolve, reject) => {
        const look = () => {
          const found = eventsOf(method).find(check);
          if (found === undefined) return;
          finish();
          resolve(found);
        };
        const timer = setTimeout(() => {
          finish();
          // Main's own log (secrets redacted) usually says why.
          const timedOut = (log: string) => reject(new Error(`timed out waiting for ${what}${log}`));
          request({ op: 'logLines' }).then(
            (lines) => timedOut(`; main's log ends:\n${(lines as string[]).slice(-20).join('\n')}`),
            () => timedOut(''),
          );
        }, timeoutMs);
        const finish = () => {
          clearTimeout(timer);
          listeners.delete(look);
        };
        listeners.add(look);
        look();
      });
    },
    logLines: () => request({ op: 'logLines' }) as Promise<string[]>,
    async kill() {
      child.kill('SIGKILL');
      await exited;
    },
    async close() {
      child.stdin?.end();
      await exited;
    },
  };
}
