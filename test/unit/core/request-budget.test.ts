import { describe, expect, it } from 'vitest';
import { createRequestBudget } from '../../../src/main/core/request-budget';
import { EarshotError } from '../../../src/shared/user-facing-error';
import { thrown } from '../../support/refusal';

describe('request budget (token bucket)', () => {
  it('allows a burst up to its capacity, then refuses with when to try again', () => {
    let now = 0;
    const budget = createRequestBudget({
      capacity: 3,
      refillEveryMs: 10_000,
      what: 'key checks',
      now: () => now,
    });
    budget.spend();
    budget.spend();
    budget.spend();
    expect(thrown(() => budget.spend()).userFacing).toEqual({
      code: 'rate-limited',
      message: 'Too many key checks in a short time. Try again in 10 seconds.',
    });
    now = 9_000;
    expect(thrown(() => budget.spend()).userFacing.message).toBe(
      'Too many key checks in a short time. Try again in 1 second.',
    );
    now = 10_000;
    budget.spend();
    expect(() => budget.spend()).toThrow(EarshotError);
  });

  it('refills one request per period up to its capacity, never more', () => {
    let now = 0;
    const budget = createRequestBudget({
      capacity: 2,
      refillEveryMs: 1_000,
      what: 'session starts',
      now: () => now,
    });
    budget.spend();
    budget.spend();
    now = 1_000_000;
    budget.spend();
    budget.spend();
    expect(() => budget.spend()).toThrow(/Too many session starts/);
  });
});
