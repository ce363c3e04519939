/**
 * The caption overlay's sandboxed preload: exposes window.earshotOverlay and nothing else (no
 * window.earshot). Built to out/preload/overlay.cjs, whose only require is 'electron'.
 */
import { contextBridge } from 'electron';
import { overlayBridgeGlobalName } from '../shared/overlay-contract';
import { electronRendererTransport } from './electron-ipc-renderer';
import { createOverlayBridge } from './overlay-bridge';

contextBridge.exposeInMainWorld(overlayBridgeGlobalName, createOverlayBridge(electronRendererTransport));
