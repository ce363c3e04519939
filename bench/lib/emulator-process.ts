/**
 * Parent side of emulator-child.ts: starts the emulator in its own Node process and sends
 * it fault commands.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';

export type EmulatorCommand =
  | { type: 'drop'; id: number }
  | { type: 'refuse'; id: number; count: number; status: 429 | 503 }
  | { type: 'reset-faults'; id: number }
  /** Texts the 'script' transcriber answers for the next utterances it hears. */
  | { type: 'queue-utterances'; id: number; texts: string[] }
  | { type: 'close'; id: number };

export type EmulatorReply =
  { type: 'ready'; url: string; demoKey: string; projectName: string } | { type: 'done'; id: number };

type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;

export interface EmulatorProcess {
  url: string;
  demoKey: string;
  projectName: string;
  command(command: WithoutId<Exclude<EmulatorCommand, { type: 'close' }>>): Promise<void>;
  close(): Promise<void>;
}

export async function startEmulatorProcess(
  transcriber: 'tone-code' | 'script' = 'tone-code',
): Promise<EmulatorProcess> {
  const child: ChildProcess = fork(resolve(import.meta.dirname, 'emulator-child.ts'), [transcriber], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let nextId = 1;
  const pending = new Map<number, () => void>();
  const ready = new Promise<{ url: string; demoKey: string; projectName: string }>((resolveReady, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`The emulator process exited early (code ${code}).`)));
    child.on('message', (message: EmulatorReply) => {
      if (message.type === 'ready') resolveReady(message);
      else pending.get(message.id)?.();
    });
  });
  const { url, demoKey, projectName } = await ready;
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  return {
    url,
    demoKey,
    projectName,
    command(command) {
      const id = nextId++;
      return new Promise<void>((done) => {
        pending.set(id, () => {
          pending.delete(id);
          done();
        });
        child.send({ ...command, id });
      });
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
