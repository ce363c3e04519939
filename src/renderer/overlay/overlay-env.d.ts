import type { OverlayBridge } from '../../shared/overlay-contract';

declare global {
  interface Window {
    /** The overlay preload's bridge; absent in the main window and outside Earshot. */
    readonly earshotOverlay?: OverlayBridge;
  }
}
