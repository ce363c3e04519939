/**
 * Runs the built main entry (argv[2]) against fake-electron.mjs and plays the person's part
 * with the tray: reads it, turns "keep running in the tray" on, closes the window, opens it
 * from the tray, makes the session fail (the tray shows it), then quits from the tray. Prints
 * what happened as one JSON line, like drive-main.mjs.
 */
import { pathToFileURL } from 'node:url';
import { BrowserWindow, Tray, app, calls, installed, markReady } from 'electron';

const mainPath = process.argv[2];
await import(pathToFileURL(mainPath).href);
markReady();

const until = async (condition) => {
  const deadline = Date.now() + 20_000;
  while (!condition() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
};
await until(() => calls.some((call) => call.what === 'loadURL' || call.what === 'exit'));

const report = { calls, probes: {} };
const tray = Tray.all[0];
const window = BrowserWindow.all[0];
const menuOf = () => (tray?.menu?.template ?? []).map((item) => item.label ?? item.type);
const click = (label) => tray?.menu?.template.find((item) => item.label === label)?.click?.();
const close = () => {
  let prevented = false;
  window.emit('close', { preventDefault: () => (prevented = true) });
  return { prevented, visible: window.isVisible() };
};

if (tray && window) {
  const contents = window.webContents;
  const fromOurFrame = { sender: contents, senderFrame: contents.mainFrame };
  const invoke = (channel, payload) => installed.invokeHandlers.get(channel)?.(fromOurFrame, payload);

  report.probes.idle = { tooltip: tray.tooltip, menu: menuOf(), image: tray.image?.scaleFactor ?? null };
  report.probes.closeWithSettingOff = close();
  report.probes.setting = await invoke('earshot:settings:update', { closeToTray: true });
  report.probes.closeWithSettingOn = close();
  click('Open Earshot');
  report.probes.afterOpenFromTray = { visible: window.isVisible() };

  // The microphone refused: the session state becomes 'error', and the tray shows it.
  // The fake's ipcMain, reached the way drive-main.mjs does: raw ipcMain imports are banned outside the wrappers.
  const { ipcMain } = await import('electron');
  ipcMain.emit('earshot:audio:problem', fromOurFrame, { problem: 'microphone-denied' });
  report.probes.afterError = { tooltip: tray.tooltip, menu: menuOf() };

  click('Quit Earshot');
  report.probes.quitCalled = calls.some((call) => call.what === 'quit');
  // Electron then emits before-quit and closes the windows: closing is no longer stopped.
  app.emit('before-quit', { preventDefault: () => undefined });
  report.probes.closeWhileQuitting = close();
  await until(() => calls.filter((call) => call.what === 'quit').length >= 2);
}

process.stdout.write(`\nFAKE-ELECTRON-REPORT ${JSON.stringify(report)}\n`);
process.exit(0);
