/**
 * Text the endpoint chose is capped and cleaned before it reaches the window or the log:
 * a hostile endpoint cannot fill the screen, forge log lines or reorder what the user reads.
 * The same rule over a real HTTP refusal: test/integration/core/refusal-detail.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { serverText, serverTextMaxLength } from '../../../src/main/core/session/server-text';

const unsafe = /[\p{Cc}\u202A-\u202E\u2066-\u2069\u200B-\u200F]/u;

describe('server text', () => {
  it('keeps ordinary sentences as they are', () => {
    expect(serverText('Bad model.')).toBe('Bad model.');
    expect(serverText('  Modèle «nova» inconnu.  ')).toBe('Modèle «nova» inconnu.');
  });

  it('removes control and direction-override characters and folds line breaks', () => {
    const text = serverText('line one\r\n{"level":"error"}\u001b[31mred\u202Eevil\u2066x\u0000');
    expect(text).not.toMatch(unsafe);
    expect(text).toBe('line one {"level":"error"} [31mred evil x');
  });

  it(`caps text at ${serverTextMaxLength} characters with an ellipsis, without splitting a character`, () => {
    const capped = serverText('word '.repeat(10_000));
    expect(capped.length).toBeLessThanOrEqual(serverTextMaxLength + 1);
    expect(capped.endsWith('…')).toBe(true);
    const emoji = serverText('😀'.repeat(400));
    expect(emoji.endsWith('…')).toBe(true);
    expect(emoji).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
  });
});
