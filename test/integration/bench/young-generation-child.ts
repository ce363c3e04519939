/**
 * Child of young-generation.test.ts: optionally applies main's V8 flags at run time, as
 * src/main/index.ts does (after V8 has started), then allocates short-lived objects at a high
 * rate and prints the young generation's committed size in bytes.
 */
import { getHeapSpaceStatistics } from 'node:v8';
import { applyMainV8Flags } from '../../../src/main/v8-flags';

if (process.argv[2] === 'apply') applyMainV8Flags();
const survivors: unknown[][] = [];
for (let round = 0; round < 200; round += 1) {
  const batch: unknown[] = [];
  for (let index = 0; index < 20_000; index += 1) batch.push({ index, words: new Array(8).fill(index) });
  survivors.push(batch);
  if (survivors.length > 3) survivors.shift();
}
const newSpace = getHeapSpaceStatistics().find((space) => space.space_name === 'new_space');
process.stdout.write(String(newSpace?.physical_space_size ?? -1));
