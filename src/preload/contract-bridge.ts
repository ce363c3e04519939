/**
 * Builds a window's bridge from its contract tables: one named function per entry and nothing
 * else (no generic invoke/send/on). Each window's preload passes only its own tables and only
 * the transport functions it may use, so the overlay and the indicator cannot reach a channel
 * that is not theirs. Payloads are checked in main, which is the authority; a bridge only routes.
 */
import type {
  EventSubscriptions,
  EventTable,
  InvokeCalls,
  InvokeTable,
  SendCalls,
  SendTable,
} from '../shared/contract-table';
import { userFacingError, type IpcResult } from '../shared/user-facing-error';
import type { RendererTransport } from './renderer-transport';

/** One function per entry of the table, made by `make` from the entry's method name and channel. */
function perEntry<Method>(
  table: Readonly<Record<string, { readonly channel: string }>>,
  make: (method: string, channel: string) => Method,
): Record<string, Method> {
  return Object.fromEntries(
    Object.entries(table).map(([method, { channel }]) => [method, make(method, channel)]),
  );
}

/*
 * The functions route every entry alike, whatever its payload type: the transport carries
 * `unknown` and main validates. Each builder gives its record the types its table declares, once.
 */

export function invokeCalls<T extends InvokeTable>(
  table: T,
  transport: Pick<RendererTransport, 'invoke'>,
): InvokeCalls<T> {
  const calls = perEntry(table, (_method, channel) => async (request?: unknown) => {
    try {
      // Main answers every invoke with an IpcResult; a rejection means the channel itself failed.
      return (await transport.invoke(channel, request)) as IpcResult<unknown>;
    } catch {
      return { ok: false, error: userFacingError('internal') };
    }
  });
  return calls as InvokeCalls<T>;
}

export function sendCalls<T extends SendTable>(
  table: T,
  transport: Pick<RendererTransport, 'send'>,
): SendCalls<T> {
  const calls = perEntry(table, (_method, channel) => (payload: unknown) => transport.send(channel, payload));
  return calls as SendCalls<T>;
}

export function eventSubscriptions<T extends EventTable>(
  table: T,
  transport: Pick<RendererTransport, 'subscribe'>,
): EventSubscriptions<T> {
  const subscriptions = perEntry(table, (method, channel) => (listener: (payload: unknown) => void) => {
    if (typeof listener !== 'function') throw new TypeError(`${method} needs a function.`);
    return transport.subscribe(channel, (payload) => listener(payload));
  });
  return subscriptions as EventSubscriptions<T>;
}
