/** Memory readings after a full garbage collection. */
import { setFlagsFromString } from 'node:v8';
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
    rss: usage.rss,
    external: usage.external,
    arrayBuffers: usage.arrayBuffers,
  };
}
