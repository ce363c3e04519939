/// <reference types="vite/client" />
import type { EarshotBridge } from '../shared/ipc-contract';

declare global {
  interface Window {
    /** The preload's bridge; absent when the page is opened outside Earshot. */
    readonly earshot?: EarshotBridge;
  }
}
