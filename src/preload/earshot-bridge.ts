/**
 * Builds window.earshot from the main window's contract tables: its invoke, send and event
 * entries, each a named function (contract-bridge.ts).
 */
import { eventContract, invokeContract, sendContract, type EarshotBridge } from '../shared/ipc-contract';
import { eventSubscriptions, invokeCalls, sendCalls } from './contract-bridge';
import type { RendererTransport } from './renderer-transport';

export function createEarshotBridge(transport: RendererTransport): EarshotBridge {
  return Object.freeze({
    ...invokeCalls(invokeContract, transport),
    ...sendCalls(sendContract, transport),
    ...eventSubscriptions(eventContract, transport),
  });
}
