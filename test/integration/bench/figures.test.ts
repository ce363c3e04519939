/** The JSON results file: --json FILE is found, dotted names nest, and nothing is silently lost. */
import { describe, expect, it } from 'vitest';
import { jsonOutputPath, nestFigures } from '../../../bench/lib/figures';

describe('bench figures file', () => {
  it('takes the file from --json FILE or --json=FILE', () => {
    expect(jsonOutputPath(['--json', 'out.json'])).toBe('out.json');
    expect(jsonOutputPath(['--json=out.json'])).toBe('out.json');
    expect(jsonOutputPath([])).toBeNull();
    expect(() => jsonOutputPath(['--json'])).toThrow(/needs a file name/);
  });

  it('nests dotted names, so the issue names resolve as paths', () => {
    const nested = nestFigures({
      'captureToWire.earshot.p95Ms': 12.5,
      'captureToWire.seed.p95Ms': 260,
      'captureToWire.ratio': 20.8,
      'stop.addedMs': null,
      'copyAll.longestTaskMs': Number.NaN,
    });
    expect(nested).toEqual({
      captureToWire: { earshot: { p95Ms: 12.5 }, seed: { p95Ms: 260 }, ratio: 20.8 },
      stop: { addedMs: null },
      copyAll: { longestTaskMs: null },
    });
  });

  it('refuses a name that is both a figure and a group', () => {
    expect(() => nestFigures({ 'cpu.main': 1, 'cpu.main.idle': 2 })).toThrow(/already a value/);
    expect(() => nestFigures({ 'cpu.main.idle': 2, 'cpu.main': 1 })).toThrow(/already a group/);
  });
});
