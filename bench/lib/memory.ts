/** Memory readings after a full garbage collection. */
import { getHeapSpaceStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * global.gc when node runs with --expose-gc; otherwise the flag is set at run time and gc
 * taken from a fresh context (a documented V8 behaviour), so `tsx bench/run.ts` works too.
 */
export function garbageCollector(): () => void {
  const exposed = (globalThis as { gc?: () => void }).gc;
  if (exposed) return exposed;
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

export interface MemorySample {
  label: string;
  heapUsed: number;
  /** V8's committed heap: live objects plus free space V8 keeps (it counts in rss). */
  heapTotal: number;
  /** Physical size of V8's young generation, which V8 grows under a high allocation rate. */
  newSpace: number;
  rss: number;
  external: number;
  arrayBuffers: number;
}

export async function sampleMemory(label: string, gc = garbageCollector()): Promise<MemorySample> {
  // Twice, with a turn of the event loop between, so weak callbacks and finalizers run.
  gc();
  await new Promise((resolve) => setImmediate(resolve));
  gc();
  const usage = process.memoryUsage();
  return {
    label,
    heapUsed: usage.heapUsed,
    heapTotal: usage.heapTotal,
    newSpace:
      getHeapSpaceStatistics().find((space) => space.space_name === 'new_space')?.physical_space_size ?? 0,
    rss: usage.rss,
    external: usage.external,
    arrayBuffers: usage.arrayBuffers,
  };
}
