import { describe, expect, it } from 'vitest';
import { formatFaultScript, noFaults, parseFaultScript } from '../../../emulator/fault-script';

describe('fault script text (npm run emulator -- --faults, EARSHOT_EMULATOR_FAULTS)', () => {
  it('parses the issue-14 script: cut every connection after 6 s of its audio, then refuse 2 handshakes with 503', () => {
    expect(parseFaultScript('cut-after=6s,refuse-after-cut=2x503')).toEqual({
      cutAfterMs: 6000,
      cutWith: 'drop',
      refuseAfterCut: { count: 2, status: 503 },
    });
  });

  it('reads durations in s or ms, a 1011 close, a refusal count alone (503) and spaces around parts', () => {
    expect(parseFaultScript(' cut-after=1.5s , cut-with=1011 , refuse-after-cut=3 ')).toEqual({
      cutAfterMs: 1500,
      cutWith: 1011,
      refuseAfterCut: { count: 3, status: 503 },
    });
    expect(parseFaultScript('cut-after=250ms,refuse-after-cut=1x429')).toEqual({
      cutAfterMs: 250,
      cutWith: 'drop',
      refuseAfterCut: { count: 1, status: 429 },
    });
    expect(parseFaultScript('cut-after=2s,refuse-after-cut=0').refuseAfterCut).toBeNull();
  });

  it('reads an empty text or "none" as no faults', () => {
    expect(parseFaultScript('')).toEqual(noFaults);
    expect(parseFaultScript('  ')).toEqual(noFaults);
    expect(parseFaultScript('none')).toEqual(noFaults);
  });

  it.each([
    ['cut-after=6', /not a duration/],
    ['cut-after=0s', /more than 0/],
    ['cut-after=-1s', /not a duration/],
    ['cut-after=6s,cut-with=1006', /drop or 1011/],
    ['cut-after=6s,refuse-after-cut=2x500', /500 is not one of 429, 503, 401, 402, 403/],
    ['cut-after=6s,refuse-after-cut=twice', /not a refusal count/],
    ['cut-after=6s,cut-after=7s', /given twice/],
    ['cut-after', /not name=value/],
    ['cut-after=6s=7s', /not name=value/],
    ['drop-after=6s', /unknown fault "drop-after"/],
    ['refuse-after-cut=2x503', /need cut-after/],
    ['cut-with=1011', /need cut-after/],
  ])('refuses %j with a sentence that says what is wrong and what is expected', (text, detail) => {
    expect(() => parseFaultScript(text)).toThrow(detail);
    expect(() => parseFaultScript(text)).toThrow(
      /^Invalid fault script: .*Expected comma-separated: cut-after=/,
    );
  });

  it('formats a script so that parsing the text gives it back', () => {
    for (const text of ['cut-after=6s,refuse-after-cut=2x503', 'cut-after=750ms,cut-with=1011', 'none']) {
      const script = parseFaultScript(text);
      expect(parseFaultScript(formatFaultScript(script))).toEqual(script);
    }
    expect(formatFaultScript(parseFaultScript('cut-after=6s,refuse-after-cut=2'))).toBe(
      'cut-after=6000ms,cut-with=drop,refuse-after-cut=2x503',
    );
  });
});
