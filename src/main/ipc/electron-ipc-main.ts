/**
 * The only module that touches Electron's ipcMain (lint-enforced). It hands ipcMain to the
 * one wiring (ipc-wiring.ts) as a transport; all policy lives in the dispatcher.
 */
import { ipcMain, type IpcMainEvent, type IpcMainInvokeEvent } from 'electron';
import type { IpcMainLike } from './ipc-wiring';

export const electronIpcMain: IpcMainLike<IpcMainInvokeEvent, IpcMainEvent> = ipcMain;
