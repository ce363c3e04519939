/**
 * Builds window.earshotOverlay from the overlay contract: one named function per entry and
 * nothing else. The overlay window's preload carries only this; main's overlay dispatcher
 * accepts these channels from the overlay window alone. It takes no `send` from the transport.
 */
import { overlayEventContract, overlayInvokeContract, type OverlayBridge } from '../shared/overlay-contract';
import { eventSubscriptions, invokeCalls } from './contract-bridge';
import type { RendererTransport } from './renderer-transport';

export function createOverlayBridge(
  transport: Pick<RendererTransport, 'invoke' | 'subscribe'>,
): OverlayBridge {
  return Object.freeze({
    ...invokeCalls(overlayInvokeContract, transport),
    ...eventSubscriptions(overlayEventContract, transport),
  });
}
