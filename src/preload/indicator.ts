/**
 * The dictation indicator's sandboxed preload: exposes window.earshotIndicator (two event
 * subscriptions) and nothing else. Built to out/preload/indicator.cjs, whose only require is 'electron'.
 */
import { contextBridge } from 'electron';
import { indicatorBridgeGlobalName } from '../shared/indicator-contract';
import { electronRendererTransport } from './electron-ipc-renderer';
import { createIndicatorBridge } from './indicator-bridge';

contextBridge.exposeInMainWorld(
  indicatorBridgeGlobalName,
  createIndicatorBridge({ subscribe: electronRendererTransport.subscribe }),
);
