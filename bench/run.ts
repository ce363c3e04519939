/**
 * `npm run bench`: quick figures for the audio path, printed as a table. Figures only: nothing
 * here asserts a timing, and none of it is part of the test command. Under a minute here.
 */
import { cpus } from 'node:os';
import { benchDispatcher } from './dispatcher';
import { benchLatency } from './latency';
import { startEmulatorProcess } from './lib/emulator-process';
import { printTable, type Row } from './lib/stats';
import { benchOfflineBuffer } from './offline-buffer';
import { benchResampler } from './resampler';
import { benchTranscriptStore } from './transcript-store';

async function main(): Promise<void> {
  const started = performance.now();
  console.log(
    `Earshot bench — ${new Date().toISOString()} — Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}`,
  );
  const rows: Row[] = [];
  const step = async (name: string, run: () => Row[] | Promise<Row[]>) => {
    process.stdout.write(`… ${name}\n`);
    rows.push(...(await run()));
  };
  await step('resampler', benchResampler);
  await step('transcript store', benchTranscriptStore);
  const emulator = await startEmulatorProcess('tone-code');
  try {
    await step('IPC dispatcher', () => benchDispatcher(emulator));
    await step('end-to-end latency (about 40 s)', () => benchLatency(emulator));
    await step('offline buffer memory', () => benchOfflineBuffer(emulator));
  } finally {
    await emulator.close();
  }
  printTable('Earshot benchmark figures', rows);
  console.log(`\n(${Math.round((performance.now() - started) / 1000)} s)`);
}

await main();
