/**
 * Main sets its V8 flags at run time (src/main/v8-flags.ts, called from index.ts after V8 has
 * started); bench:soak gives them on the command line instead. This proves the run-time path
 * works too: under the same allocation load, the young generation stays small with the flags
 * applied at run time and grows without them.
 */
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const child = resolve(import.meta.dirname, 'young-generation-child.ts');
const youngGenerationBytes = (mode: 'apply' | 'none') =>
  Number(execFileSync(process.execPath, ['--import', 'tsx', child, mode], { encoding: 'utf8' }));

describe("main's V8 flags set at run time", () => {
  it('keep the young generation from growing under a burst of allocation', () => {
    const capped = youngGenerationBytes('apply');
    const uncapped = youngGenerationBytes('none');
    expect(capped).toBeGreaterThan(0);
    expect(uncapped).toBeGreaterThan(4 * capped);
  }, 60_000);
});
