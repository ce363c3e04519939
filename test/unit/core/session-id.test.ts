/**
 * Session ids have one definition (src/shared/history.ts): the ids main generates always pass
 * it, and the IPC contract, the dispatcher and the store refuse everything else, including
 * names Windows reserves for devices. The store and the dispatcher over real files:
 * test/integration/core/session-id-history.test.ts.
 */
import { randomBytes } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { formatSessionId, isSessionId, sessionStartOf } from '../../../src/shared/history';
import { invokeContract, sessionId } from '../../../src/shared/ipc-contract';
import { ValidationError } from '../../../src/shared/validation';
import { notGenerated } from '../../support/session-id-samples';

function randomDate(): Date {
  // Anywhere in years 0000–9999, to the millisecond.
  const min = Date.parse('0000-01-01T00:00:00.000Z');
  const max = Date.parse('9999-12-31T23:59:59.999Z');
  return new Date(min + Math.floor(Math.random() * (max - min)));
}

describe('session id format', () => {
  test('every id main generates passes the shared definition and the contract, and records its start', () => {
    const edges = [
      new Date('0000-01-01T00:00:00.000Z'),
      new Date('9999-12-31T23:59:59.999Z'),
      new Date('2024-02-29T23:59:59.999Z'),
      new Date(),
    ];
    for (const startedAt of [...edges, ...Array.from({ length: 2000 }, randomDate)]) {
      const id = formatSessionId(startedAt, randomBytes(3).toString('hex'));
      expect(isSessionId(id)).toBe(true);
      expect(sessionId(id, 'id')).toBe(id);
      expect(sessionStartOf(id)).toBe(startedAt.toISOString());
    }
  });

  test('the generator refuses a time or random part that would make an id nobody can open', () => {
    expect(() => formatSessionId(new Date('+010000-01-01T00:00:00.000Z'), 'abcdef')).toThrow(RangeError);
    expect(() => formatSessionId(new Date(-1e15), 'abcdef')).toThrow(RangeError);
    expect(() => formatSessionId(new Date(), 'ABCDEF')).toThrow(RangeError);
    expect(() => formatSessionId(new Date(), '../x')).toThrow(RangeError);
  });

  test('the contract refuses reserved device names and anything not in the format, without echoing it', () => {
    for (const id of notGenerated) {
      expect(isSessionId(id)).toBe(false);
      let refusal: unknown = null;
      try {
        invokeContract.getHistorySession.request({ id }, 'request');
      } catch (error) {
        refusal = error;
      }
      expect(refusal, JSON.stringify(id)).toBeInstanceOf(ValidationError);
      if (id.length > 2) expect((refusal as Error).message).not.toContain(id);
    }
    for (const id of [undefined, null, 42, ['CON'], { toString: () => 'CON' }]) {
      expect(isSessionId(id)).toBe(false);
      expect(() => invokeContract.getHistorySession.request({ id }, 'request')).toThrow(ValidationError);
    }
  });

  test('an impossible calendar day passes the pattern but never yields a start time', () => {
    expect(sessionStartOf('2026-02-31T09-00-00-000Z-3fa9c1')).toBeNull();
  });
});
