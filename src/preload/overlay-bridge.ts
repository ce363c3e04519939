/**
 * Builds window.earshotOverlay from the overlay contract: one named function per entry and
 * nothing else. The overlay window's preload carries only this; main's overlay dispatcher
 * accepts these channels from the overlay window alone.
 */
import {
  overlayEventContract,
  overlayInvokeContract,
  type OverlayBridge,
  type OverlayEventMethod,
  type OverlayInvokeMethod,
} from '../shared/overlay-contract';
import { userFacingError, type IpcResult } from '../shared/user-facing-error';
import type { RendererTransport } from './renderer-transport';

type LooseOverlayBridge = Record<OverlayInvokeMethod, (request?: unknown) => Promise<IpcResult<unknown>>> &
  Record<OverlayEventMethod, (listener: (payload: unknown) => void) => () => void>;

function methods<K extends string>(table: Record<K, unknown>): K[] {
  return Object.keys(table) as K[];
}

export function createOverlayBridge(
  transport: Pick<RendererTransport, 'invoke' | 'subscribe'>,
): OverlayBridge {
  const bridge: Partial<LooseOverlayBridge> = {};
  for (const method of methods<OverlayInvokeMethod>(overlayInvokeContract)) {
    const { channel } = overlayInvokeContract[method];
    bridge[method] = async (request?: unknown) => {
      try {
        return (await transport.invoke(channel, request)) as IpcResult<unknown>;
      } catch {
        return { ok: false, error: userFacingError('internal') };
      }
    };
  }
  for (const method of methods<OverlayEventMethod>(overlayEventContract)) {
    const { channel } = overlayEventContract[method];
    bridge[method] = (listener: (payload: unknown) => void) => {
      if (typeof listener !== 'function') throw new TypeError(`${method} needs a function.`);
      return transport.subscribe(channel, (payload) => listener(payload));
    };
  }
  // Every key of OverlayBridge was filled from the tables it is derived from.
  return Object.freeze(bridge) as OverlayBridge;
}
