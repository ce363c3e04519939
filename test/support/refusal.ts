/**
 * What a refused call gave: the test fails unless it is an error of the expected kind, so a
 * call that succeeds, or fails some other way, cannot pass for a refusal.
 */
import { expect } from 'vitest';
import { EarshotError } from '../../src/shared/user-facing-error';

type ErrorKind<E extends Error> = abstract new (...args: never[]) => E;

/** The EarshotError `promise` rejects with; `what` names the case in a failure. */
export async function refusal(promise: Promise<unknown>, what?: string): Promise<EarshotError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error, what).toBeInstanceOf(EarshotError);
  return error as EarshotError;
}

/** The error of `kind` that `call` throws (an EarshotError unless another kind is named). */
export function thrown(call: () => unknown): EarshotError;
export function thrown<E extends Error>(call: () => unknown, kind: ErrorKind<E>): E;
export function thrown(call: () => unknown, kind: ErrorKind<Error> = EarshotError): Error {
  try {
    call();
  } catch (error) {
    expect(error).toBeInstanceOf(kind);
    return error as Error;
  }
  throw new Error(`expected the call to throw ${kind.name}`);
}
