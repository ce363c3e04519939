/**
 * Appends final segments to a transcript store as fast as it can and prints "ack <n>" after
 * each append resolves, until it is killed. The SIGKILL test kills it mid-stream and then
 * checks that every acknowledged segment survived.
 * Usage: transcript-append-child.ts <directory> <sessionId> <maxSegments>
 */
import { createMemoryLogger } from '../../src/main/core/logger';
import { openTranscriptStore } from '../../src/main/core/transcript-store';
import { numberedSegment } from './numbered-segment';

async function main(): Promise<void> {
  const [directory, sessionId, max] = process.argv.slice(2);
  if (!directory || !sessionId) throw new Error('usage: <directory> <sessionId> <maxSegments>');
  const store = await openTranscriptStore({ directory, log: createMemoryLogger() });
  await store.beginSession(sessionId, new Date());
  process.stdout.write('ready\n');
  for (let index = 0; index < Number(max ?? 5000); index += 1) {
    await store.appendFinal(sessionId, numberedSegment(index));
    process.stdout.write(`ack ${index}\n`);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
