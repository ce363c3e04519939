/** Main caps its young generation's growth at start (see src/main/v8-flags.ts for why). */
import { describe, expect, it } from 'vitest';
import { applyMainV8Flags, mainV8Flags } from '../../../src/main/v8-flags';

describe('main V8 flags', () => {
  it('keeps the young generation at its initial size', () => {
    expect(mainV8Flags).toEqual(['--semi-space-growth-factor=1']);
  });

  it('sets every flag, in order', () => {
    const set: string[] = [];
    applyMainV8Flags((flag) => set.push(flag));
    expect(set).toEqual([...mainV8Flags]);
  });
});
