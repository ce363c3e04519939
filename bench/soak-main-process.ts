/** Parent side of soak-main-child.ts. */
import { fork } from 'node:child_process';
import { resolve } from 'node:path';
import { mainV8Flags } from '../src/main/v8-flags';
import type { SoakMainOptions, SoakMainResult } from './soak-main';

export async function runSoakMainProcess(
  options: SoakMainOptions,
  v8: 'shipped' | 'default',
): Promise<SoakMainResult> {
  const child = fork(resolve(import.meta.dirname, 'soak-main-child.ts'), [JSON.stringify(options)], {
    // From the start of the process: tsx's own loading would otherwise grow the young
    // generation before the child's first line runs (in the app, index.ts's first statement).
    execArgv: [...(v8 === 'shipped' ? mainV8Flags : []), '--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    env: { ...process.env, EARSHOT_SOAK_V8: v8 },
  });
  return new Promise<SoakMainResult>((done, fail) => {
    let settled = false;
    child.on(
      'message',
      (message: { type: 'result'; result: SoakMainResult } | { type: 'error'; message: string }) => {
        settled = true;
        if (message.type === 'result') done(message.result);
        else fail(new Error(`main's soak failed: ${message.message}`));
      },
    );
    child.once('error', fail);
    child.once('exit', (code) => {
      if (!settled) fail(new Error(`main's soak process exited (code ${code}) without a result`));
    });
  });
}

/** The simulated hour of main's soak at a given speed (shared with npm run bench). */
export function soakMainOptions(speed: number, minutes = 60): SoakMainOptions {
  return {
    speed,
    minutes,
    warmUpMinutes: 2,
    sampleEveryMinutes: Math.min(10, minutes),
    cutsAtMinutes: [7, 19, 31, 43, 55].filter((minute) => minute < minutes),
    seed: 42,
  };
}
