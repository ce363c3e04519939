/**
 * Machine-readable figures: `npm run bench -- --json FILE` (and bench:soak) write every figure
 * under a stable dotted name (for example captureToWire.earshot.p95Ms), nested as JSON objects,
 * so `jq .captureToWire.earshot.p95Ms FILE` reads it. Names are a contract with whoever reads
 * the file: add names, never rename one.
 */
import { writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';

export type FigureValue = number | string | boolean | null;
export type Figures = Record<string, FigureValue>;

/** The file named by `--json FILE` (or `--json=FILE`), or null. */
export function jsonOutputPath(argv: readonly string[]): string | null {
  for (let index = 0; index < argv.length; index += 1) {
    const argument = argv[index] as string;
    if (argument === '--json') {
      const file = argv[index + 1];
      if (file === undefined || file.startsWith('--'))
        throw new Error('--json needs a file name: --json FILE');
      return file;
    }
    if (argument.startsWith('--json=')) return argument.slice('--json='.length);
  }
  return null;
}

/** Dotted names as nested objects; a name that is both a value and a prefix is refused. */
export function nestFigures(figures: Figures): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(figures)) {
    const parts = name.split('.');
    let node = root;
    for (const part of parts.slice(0, -1)) {
      const next = node[part];
      if (next === undefined) node[part] = {};
      else if (typeof next !== 'object' || next === null)
        throw new Error(`figure ${name}: ${part} is already a value`);
      node = node[part] as Record<string, unknown>;
    }
    const leaf = parts[parts.length - 1] as string;
    if (typeof node[leaf] === 'object' && node[leaf] !== null)
      throw new Error(`figure ${name} is already a group of figures`);
    node[leaf] = typeof value === 'number' && !Number.isFinite(value) ? null : value;
  }
  return root;
}

/** What every results file says about the run: when, where, and how loaded the machine was. */
export function runContext(command: string): Figures {
  const [load1, load5] = loadavg();
  return {
    'run.command': command,
    'run.date': new Date().toISOString(),
    'run.node': process.version,
    'run.cpus': cpus().length,
    'run.cpuModel': cpus()[0]?.model ?? 'unknown',
    'run.loadAverage1m': Number((load1 ?? 0).toFixed(2)),
    'run.loadAverage5m': Number((load5 ?? 0).toFixed(2)),
  };
}

export function writeFiguresFile(path: string, figures: Figures, simulated: readonly string[]): void {
  const document = { ...nestFigures(figures), simulated: [...simulated] };
  writeFileSync(path, `${JSON.stringify(document, null, 2)}\n`);
}

/** Rounds for the JSON file: figures are measurements, not 17-digit numbers. */
export function rounded(value: number, digits = 2): number {
  if (!Number.isFinite(value)) return Number.NaN;
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}
