/**
 * Builds window.earshot from the contract tables: one named function per contract entry and
 * nothing else (no generic invoke/send/on). Payloads are checked in main, which is the
 * authority; the bridge only routes them.
 */
import {
  eventContract,
  invokeContract,
  sendContract,
  type EarshotBridge,
  type EventMethod,
  type InvokeMethod,
  type SendMethod,
} from '../shared/ipc-contract';
import { userFacingError, type IpcResult } from '../shared/user-facing-error';
import type { RendererTransport } from './renderer-transport';

type LooseBridge = Record<InvokeMethod, (request?: unknown) => Promise<IpcResult<unknown>>> &
  Record<SendMethod, (payload: unknown) => void> &
  Record<EventMethod, (listener: (payload: unknown) => void) => () => void>;

function methods<K extends string>(table: Record<K, unknown>): K[] {
  return Object.keys(table) as K[];
}

export function createEarshotBridge(transport: RendererTransport): EarshotBridge {
  const bridge: Partial<LooseBridge> = {};

  for (const method of methods<InvokeMethod>(invokeContract)) {
    const { channel } = invokeContract[method];
    bridge[method] = async (request?: unknown) => {
      try {
        // Main answers every invoke with an IpcResult; a rejection means the channel itself failed.
        return (await transport.invoke(channel, request)) as IpcResult<unknown>;
      } catch {
        return { ok: false, error: userFacingError('internal') };
      }
    };
  }

  for (const method of methods<SendMethod>(sendContract)) {
    const { channel } = sendContract[method];
    bridge[method] = (payload: unknown) => transport.send(channel, payload);
  }

  for (const method of methods<EventMethod>(eventContract)) {
    const { channel } = eventContract[method];
    bridge[method] = (listener: (payload: unknown) => void) => {
      if (typeof listener !== 'function') throw new TypeError(`${method} needs a function.`);
      return transport.subscribe(channel, (payload) => listener(payload));
    };
  }

  // Every key of EarshotBridge was filled from the same tables EarshotBridge is derived from.
  return Object.freeze(bridge) as EarshotBridge;
}
