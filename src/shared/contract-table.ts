/**
 * What every IPC contract table is made of (the main window's in ipc-contract.ts, the caption
 * overlay's and the indicator's), and the types a table gives its preload bridge and main's
 * handlers. An entry pairs a channel with the validator main applies to what a window sends,
 * and names, as a type only, what main answers or announces: a table is data the preload and
 * the dispatchers walk, and the single place a channel's types are written.
 */
import type { IpcResult } from './user-facing-error';
import type { Validator } from './validation';

/** A request the window makes and main answers. `result` is never set: it carries the answer's type. */
export interface InvokeEntry<Request, Result> {
  readonly channel: string;
  readonly request: Validator<Request>;
  readonly result: Result | undefined;
}

/** A message the window sends and main does not answer. */
export interface SendEntry<Payload> {
  readonly channel: string;
  readonly request: Validator<Payload>;
}

/** Something main announces to a window. `payload` is never set: it carries the payload's type. */
export interface EventEntry<Payload> {
  readonly channel: string;
  readonly payload: Payload | undefined;
}

/** Names a type in a table without a runtime value: `invokeChannel(…, resultOf<KeyStatus>())`. */
export function resultOf<T>(): T | undefined {
  return undefined;
}

export function invokeChannel<Request, Result>(
  channel: string,
  request: Validator<Request>,
  result: Result | undefined,
): InvokeEntry<Request, Result> {
  return { channel, request, result };
}

export function sendChannel<Payload>(channel: string, request: Validator<Payload>): SendEntry<Payload> {
  return { channel, request };
}

export function eventChannel<Payload>(channel: string): EventEntry<Payload> {
  return { channel, payload: undefined };
}

export type InvokeTable = Readonly<Record<string, InvokeEntry<unknown, unknown>>>;
export type SendTable = Readonly<Record<string, SendEntry<unknown>>>;
export type EventTable = Readonly<Record<string, EventEntry<unknown>>>;

export type EntryRequest<E> = E extends InvokeEntry<infer Request, unknown> ? Request : never;
export type EntryResult<E> = E extends InvokeEntry<unknown, infer Result> ? Result : never;
export type SendPayload<E> = E extends SendEntry<infer Payload> ? Payload : never;
export type EventPayload<E> = E extends EventEntry<infer Payload> ? Payload : never;

/** A call to an invoke entry, answered with `Answer`; it takes no argument when the entry takes no request. */
export type CallTaking<Request, Answer> = [Request] extends [undefined]
  ? () => Answer
  : (request: Request) => Answer;

/** A window's functions for a table's requests: each resolves to main's IpcResult, never rejects. */
export type InvokeCalls<T extends InvokeTable> = {
  [M in keyof T]: CallTaking<EntryRequest<T[M]>, Promise<IpcResult<EntryResult<T[M]>>>>;
};

export type SendCalls<T extends SendTable> = { [M in keyof T]: (payload: SendPayload<T[M]>) => void };

/** A window's subscriptions to a table's events; each returns the function that unsubscribes. */
export type EventSubscriptions<T extends EventTable> = {
  [M in keyof T]: (listener: (payload: EventPayload<T[M]>) => void) => () => void;
};

/** What main does for each of a table's requests, given payloads the dispatcher has validated. */
export type InvokeHandlersOf<T extends InvokeTable> = {
  [M in keyof T]: (request: EntryRequest<T[M]>) => Promise<EntryResult<T[M]>>;
};
