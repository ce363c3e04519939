/** Small statistics and table printing for the benchmarks (figures only, never assertions). */
import type { Figures } from './figures';

export function sorted(values: readonly number[]): number[] {
  return [...values].sort((a, b) => a - b);
}

/** Nearest-rank percentile (p in 0..100) of the values; NaN when there are none. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const ordered = sorted(values);
  const rank = Math.min(ordered.length, Math.max(1, Math.ceil((p / 100) * ordered.length)));
  return ordered[rank - 1] as number;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const ordered = sorted(values);
  const middle = ordered.length >> 1;
  return ordered.length % 2 === 1
    ? (ordered[middle] as number)
    : ((ordered[middle - 1] as number) + (ordered[middle] as number)) / 2;
}

export function formatNumber(value: number, digits = 1): string {
  if (!Number.isFinite(value)) return 'n/a';
  return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

export interface Row {
  figure: string;
  value: string;
  note?: string;
  /** The same figure(s) as numbers under stable names, for `--json FILE` (see figures.ts). */
  figures?: Figures;
}

/** Prints rows as an aligned three-column table. */
export function printTable(title: string, rows: readonly Row[]): void {
  const width = (pick: (row: Row) => string, header: string) =>
    Math.max(header.length, ...rows.map((row) => pick(row).length));
  const figureWidth = width((row) => row.figure, 'figure');
  const valueWidth = width((row) => row.value, 'value');
  const line = (figure: string, value: string, note: string) =>
    `${figure.padEnd(figureWidth)}  ${value.padStart(valueWidth)}  ${note}`.trimEnd();
  console.log(`\n${title}`);
  console.log(line('figure', 'value', 'note'));
  console.log(line('-'.repeat(figureWidth), '-'.repeat(valueWidth), '----'));
  for (const row of rows) console.log(line(row.figure, row.value, row.note ?? ''));
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Yields to the event loop so sockets and timers get their turn. */
export const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Decimal megabytes, the unit of the 20 MB target. */
export const megabyte = 1_000_000;

export function formatMB(bytes: number, digits = 1): string {
  return `${formatNumber(bytes / megabyte, digits)} MB`;
}
