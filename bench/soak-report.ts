/** Main's soak, printed and named (shared by npm run bench and npm run bench:soak). */
import { rounded } from './lib/figures';
import { formatMB, formatNumber, megabyte, printTable, type Row } from './lib/stats';
import type { SoakMainResult } from './soak-main';

const targetBytes = 20 * megabyte;
export const verdict = (growth: number) => (growth < targetBytes ? 'met (< 20 MB)' : 'NOT met (≥ 20 MB)');
export const signedMB = (bytes: number) => `${bytes >= 0 ? '+' : ''}${formatMB(bytes)}`;
const mb = (bytes: number) => rounded(bytes / megabyte, 2);

/**
 * Main's soak as rows, every figure named under `prefix` (soak, or soak.v8Defaults for the
 * comparison run with V8's default flags).
 */
export function reportMain(result: SoakMainResult, prefix: string, label: string): Row[] {
  const first = result.samples[0]!;
  const last = result.samples[result.samples.length - 1]!;
  const jsMemory = (sample: typeof first) => sample.heapUsed + sample.external;
  printTable(
    `Main${label}: memory after GC, simulated minutes (after a ${result.options.warmUpMinutes}-minute warm-up)`,
    result.samples.map((sample) => ({
      figure: `minute ${sample.minute}`,
      value: formatMB(sample.heapUsed),
      note: `heapUsed; heapTotal ${formatMB(sample.heapTotal)} (new space ${formatMB(sample.newSpace)}), rss ${formatMB(sample.rss)}, external ${formatMB(sample.external)}, arrayBuffers ${formatMB(sample.arrayBuffers)}`,
    })),
  );
  const heapGrowth = last.heapUsed - first.heapUsed;
  const jsGrowth = jsMemory(last) - jsMemory(first);
  const rssGrowth = last.rss - first.rss;
  // Whether rss is still climbing at the end or settled early: the second half on its own.
  const middle = result.samples[Math.floor(result.samples.length / 2)]!;
  const lateRssGrowth = last.rss - middle.rss;
  const heapTotalGrowth = last.heapTotal - first.heapTotal;
  const main = `main${label}`;
  const gcShare = result.gc.totalMs / (result.wallSeconds * 1000);
  return [
    {
      figure: `${main}: simulated session`,
      value: `${result.options.minutes} min`,
      note: `${formatNumber(result.wallSeconds, 0)} s wall at ${formatNumber(result.achievedSpeed, 1)}× real time; ${result.framesPushed} frames pushed, ${result.framesDroppedByGuard} dropped by the rate guard; V8 flags: ${result.v8Flags.join(' ') || 'none'}`,
      figures: {
        [`${prefix}.simulatedMinutes`]: result.options.minutes,
        [`${prefix}.speed`]: result.options.speed,
        [`${prefix}.v8Flags`]: result.v8Flags.join(' '),
      },
    },
    {
      figure: `${main}: cuts / reconnections`,
      value: `${result.cuts} / ${result.reconnections}`,
      note: `connections dropped by the emulator at minutes ${result.options.cutsAtMinutes.join(', ')}`,
    },
    {
      figure: `${main}: transcript on disk vs spoken`,
      value: result.transcriptMatches ? 'identical' : 'DIFFERENT',
      figures: { [`${prefix}.transcriptMatches`]: result.transcriptMatches },
      note: `${result.storedWords}/${result.spokenWords} words in ${result.storedSegments} stored segments; ${result.finals} finals and ${result.interims} interims emitted${result.firstMismatch ? `; first difference at ${result.firstMismatch}` : ''}`,
    },
    {
      figure: `${main}: heapUsed growth`,
      value: signedMB(heapGrowth),
      note: verdict(heapGrowth),
      figures: { [`${prefix}.mainHeapUsedGrowthMb`]: mb(heapGrowth) },
    },
    {
      figure: `${main}: heapUsed+external growth`,
      value: signedMB(jsGrowth),
      note: `${verdict(jsGrowth)}; external includes ArrayBuffers (audio)`,
      figures: { [`${prefix}.mainHeapUsedAndExternalGrowthMb`]: mb(jsGrowth) },
    },
    {
      figure: `${main}: GC pauses`,
      value: `${formatNumber(gcShare * 100, 2)}% of wall time`,
      note: `${result.gc.count} pauses, ${formatNumber(result.gc.totalMs, 0)} ms in all (longest ${formatNumber(result.gc.longestMs, 1)} ms); ${result.gc.minorCount} scavenges, ${formatNumber(result.gc.minorTotalMs, 0)} ms; PerformanceObserver 'gc' over the session, the memory samples' forced full GCs included; time runs ${result.options.speed}× faster, so per real minute it is ${formatNumber((gcShare * 100) / result.options.speed, 3)}%`,
      figures: {
        [`${prefix}.gcPauses`]: result.gc.count,
        [`${prefix}.gcTotalMs`]: rounded(result.gc.totalMs, 1),
        [`${prefix}.gcLongestMs`]: rounded(result.gc.longestMs, 2),
        [`${prefix}.scavenges`]: result.gc.minorCount,
        [`${prefix}.scavengeTotalMs`]: rounded(result.gc.minorTotalMs, 1),
        [`${prefix}.gcPercentOfWall`]: rounded(gcShare * 100, 3),
      },
    },
    {
      figure: `${main}: rss growth`,
      value: signedMB(rssGrowth),
      note: `${verdict(rssGrowth)}; ${result.samples.length > 2 ? `${signedMB(lateRssGrowth)} of it from minute ${middle.minute} to ${last.minute}; ` : ''}V8's committed heap (heapTotal) ${signedMB(heapTotalGrowth)}, of it the young generation ${signedMB(last.newSpace - first.newSpace)}; native (rss − heapTotal) ${signedMB(rssGrowth - heapTotalGrowth)}`,
      figures: {
        [`${prefix}.mainRssGrowthMb`]: mb(rssGrowth),
        [`${prefix}.mainRssLateGrowthMb`]: mb(lateRssGrowth),
        [`${prefix}.mainYoungGenerationGrowthMb`]: mb(last.newSpace - first.newSpace),
        [`${prefix}.mainYoungGenerationEndMb`]: mb(last.newSpace),
      },
    },
  ];
}
