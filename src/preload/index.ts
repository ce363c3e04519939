/**
 * The sandboxed preload: exposes exactly one object, window.earshot, through contextBridge.
 * Built to a single CommonJS file (out/preload/index.cjs) whose only require is 'electron',
 * because a sandboxed preload can require nothing else.
 */
import { contextBridge } from 'electron';
import { bridgeGlobalName } from '../shared/ipc-contract';
import { createEarshotBridge } from './earshot-bridge';
import { electronRendererTransport } from './electron-ipc-renderer';

contextBridge.exposeInMainWorld(bridgeGlobalName, createEarshotBridge(electronRendererTransport));
