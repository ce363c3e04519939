/**
 * Main's soak in a process of its own, started by runSoakMainProcess: it sets main's V8
 * flags before anything else (the first import), starts its own emulator process and sends
 * the result back over the IPC channel. A fresh process per run, so each run's memory starts
 * from the same place and carries only its own V8 flags.
 */
import { appliedV8Flags } from './lib/main-v8-flags-first';
import { startEmulatorProcess } from './lib/emulator-process';
import { soakMain, type SoakMainOptions } from './soak-main';

const options = JSON.parse(process.argv[2] ?? '{}') as SoakMainOptions;
const emulator = await startEmulatorProcess('tone-code');
try {
  const result = await soakMain(emulator, options, appliedV8Flags);
  process.send?.({ type: 'result', result });
} catch (error) {
  process.send?.({ type: 'error', message: error instanceof Error ? error.message : String(error) });
} finally {
  await emulator.close();
  process.disconnect?.();
}
