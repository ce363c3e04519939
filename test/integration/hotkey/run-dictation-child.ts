/** Starts dictation-child.ts on an X display and reads what it reports. */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { InvokeMethod, ResultOf } from '../../../src/shared/ipc-contract';
import type { IpcResult } from '../../../src/shared/user-facing-error';
import type { DictationChildLine, DictationChildPlan } from './dictation-child-protocol';

const childScript = fileURLToPath(new URL('./dictation-child.ts', import.meta.url));

export interface DictationChild {
  readonly lines: DictationChildLine[];
  invoke<M extends InvokeMethod>(method: M, payload?: unknown): Promise<ResultOf<M>>;
  /** Resolves with the first line (already seen or coming) that passes the check. */
  waitFor<T extends DictationChildLine>(
    check: (line: DictationChildLine) => line is T,
    what: string,
    timeoutMs?: number,
  ): Promise<T>;
  waitFor(
    check: (line: DictationChildLine) => boolean,
    what: string,
    timeoutMs?: number,
  ): Promise<DictationChildLine>;
  close(): Promise<void>;
}

export async function startDictationChild(
  plan: DictationChildPlan,
  env: NodeJS.ProcessEnv,
): Promise<DictationChild> {
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', childScript, JSON.stringify(plan)],
    {
      env,
      stdio: ['pipe', 'pipe', 'pipe'],
    },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const lines: DictationChildLine[] = [];
  const listeners = new Set<() => void>();
  const replies = new Map<number, (value: unknown) => void>();
  createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (text) => {
    if (!text.startsWith('{')) return;
    const line = JSON.parse(text) as DictationChildLine;
    if (line.type === 'reply') replies.get(line.id)?.(line.value);
    lines.push(line);
    for (const listener of [...listeners]) listener();
  });
  const gone = () => new Error(`the dictation child exited: ${stderr.trim() || 'no message'}`);

  function waitFor(check: (line: DictationChildLine) => boolean, what: string, timeoutMs = 20_000) {
    return new Promise<DictationChildLine>((resolve, reject) => {
      const look = () => {
        const found = lines.find(check);
        if (found === undefined) return;
        finish();
        resolve(found);
      };
      const timer = setTimeout(() => {
        finish();
        reject(
          new Error(
            `timed out waiting for ${what}; heard: ${JSON.stringify(lines.filter((l) => l.type !== 'event').slice(-12))}`,
          ),
        );
      }, timeoutMs);
      const finish = () => {
        clearTimeout(timer);
        listeners.delete(look);
      };
      void exited.then(() => {
        finish();
        reject(gone());
      });
      listeners.add(look);
      look();
    });
  }

  await waitFor((line) => line.type === 'ready', 'the child to be ready', 30_000);
  let nextId = 0;
  return {
    lines,
    waitFor: waitFor as DictationChild['waitFor'],
    async invoke(method, payload) {
      const id = (nextId += 1);
      const value = await new Promise<unknown>((resolve, reject) => {
        replies.set(id, resolve);
        void exited.then(() => reject(gone()));
        child.stdin?.write(`${JSON.stringify({ id, method, payload })}\n`);
      });
      const result = value as IpcResult<unknown>;
      if (!result.ok) throw new Error(`${method} refused: ${result.error.message}`);
      return result.value as ResultOf<typeof method>;
    },
    async close() {
      child.stdin?.end();
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
      child.kill('SIGKILL');
      await exited;
    },
  };
}
