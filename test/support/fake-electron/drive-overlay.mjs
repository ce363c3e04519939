/**
 * Runs the built main entry (argv[2]) against fake-electron.mjs and plays the person's part
 * with the caption overlay: Show captions from the window, the overlay's own IPC (and main's
 * refused to it), click-through and the shortcut out of it, the tray item, moving it (its place
 * remembered per display), hiding and showing it again, and a display that goes away. Prints what
 * happened as one JSON line, like drive-main.mjs.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BrowserWindow, Tray, calls, installed, markReady, screen } from 'electron';

const mainPath = process.argv[2];
await import(pathToFileURL(mainPath).href);
markReady();

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const until = async (condition) => {
  const deadline = Date.now() + 20_000;
  while (!condition() && Date.now() < deadline) await sleep(20);
};
await until(() => calls.some((call) => call.what === 'loadURL' || call.what === 'exit'));

const laptop = {
  id: 1,
  bounds: { x: 0, y: 0, width: 1920, height: 1080 },
  workArea: { x: 0, y: 0, width: 1920, height: 1040 },
  scaleFactor: 1,
};
const monitor = {
  id: 2,
  bounds: { x: 1920, y: 0, width: 2560, height: 1440 },
  workArea: { x: 1920, y: 0, width: 2560, height: 1400 },
  scaleFactor: 1,
};
let displays = [laptop, monitor];
screen.getAllDisplays = () => displays;

const report = { calls, probes: {} };
const mainWindow = BrowserWindow.all[0];
const placementFile = join(process.env.FAKE_ELECTRON_USER_DATA, 'overlay-placement.json');
const readPlacement = () => {
  try {
    return JSON.parse(readFileSync(placementFile, 'utf8'));
  } catch {
    return null;
  }
};
const since = (index, what) => calls.slice(index).filter((call) => call.what === what);

if (mainWindow) {
  const main = mainWindow.webContents;
  const fromMain = { sender: main, senderFrame: main.mainFrame };
  const invoke = (channel, event, payload) => installed.invokeHandlers.get(channel)?.(event, payload);

  report.probes.shown = await invoke('earshot:overlay:show', fromMain, undefined);
  const overlay = BrowserWindow.all[1];
  await sleep(50);
  // The overlay's frame shows the page main loaded into it (the fake keeps the main window's URL otherwise).
  overlay.webContents.mainFrame.url = calls.filter((call) => call.what === 'loadURL').at(-1)?.url;
  const fromOverlay = { sender: overlay.webContents, senderFrame: overlay.webContents.mainFrame };
  report.probes.overlayOptions =
    calls.filter((call) => call.what === 'new BrowserWindow')[1]?.options ?? null;
  report.probes.overlayUrl = overlay.webContents.mainFrame.url;
  report.probes.overlayVisible = overlay.isVisible();
  report.probes.windowCount = BrowserWindow.all.length;
  // Show captions again: the same window, not a second one.
  await invoke('earshot:overlay:show', fromMain, undefined);
  report.probes.windowCountAfterSecondShow = BrowserWindow.all.length;

  report.probes.viewFromOverlay = await invoke('earshot-overlay:view', fromOverlay, undefined);
  report.probes.viewFromMain = await invoke('earshot-overlay:view', fromMain, undefined);
  report.probes.mainSettingsFromOverlay = await invoke('earshot:settings:get', fromOverlay, undefined);

  let mark = calls.length;
  report.probes.clickThroughOn = await invoke('earshot-overlay:click-through', fromOverlay, {
    enabled: true,
  });
  report.probes.afterClickThroughOn = {
    ignore: since(mark, 'window.setIgnoreMouseEvents'),
    registered: since(mark, 'globalShortcut.register').map((call) => call.accelerator),
    trayMenu: (Tray.all[0]?.menu?.template ?? []).map((item) => [
      item.label ?? item.type,
      item.checked ?? null,
    ]),
  };
  mark = calls.length;
  installed.shortcuts.get('CommandOrControl+Alt+C')?.();
  report.probes.afterShortcut = {
    ignore: since(mark, 'window.setIgnoreMouseEvents'),
    unregistered: since(mark, 'globalShortcut.unregister').map((call) => call.accelerator),
    eventToOverlay: overlay.webContents.sent.at(-1) ?? null,
  };
  mark = calls.length;
  Tray.all[0]?.menu?.template.find((item) => item.label === 'Click through captions')?.click?.();
  report.probes.afterTrayItem = since(mark, 'window.setIgnoreMouseEvents');
  installed.shortcuts.get('CommandOrControl+Alt+C')?.();

  // The person drags the overlay onto the monitor; the place is written once it settles.
  overlay.bounds = { x: 2400, y: 1100, width: 1400, height: 150 };
  overlay.emit('move');
  await sleep(700);
  report.probes.placementAfterMove = readPlacement();

  report.probes.hidden = await invoke('earshot-overlay:hide', fromOverlay, undefined);
  report.probes.overlayDestroyed = overlay.isDestroyed();
  report.probes.trayAfterHide = (Tray.all[0]?.menu?.template ?? []).map((item) => item.label ?? item.type);
  await invoke('earshot:overlay:show', fromMain, undefined);
  const reopened = BrowserWindow.all[2];
  report.probes.reopenedOptions =
    calls.filter((call) => call.what === 'new BrowserWindow')[2]?.options ?? null;

  // The monitor is unplugged: the overlay comes back on the laptop's screen.
  mark = calls.length;
  displays = [laptop];
  screen.emit('display-removed', {}, monitor);
  report.probes.afterDisplayRemoved = since(mark, 'window.setBounds').map((call) => call.bounds);
  report.probes.reopenedBounds = reopened?.getBounds() ?? null;
}

process.stdout.write(`\nFAKE-ELECTRON-REPORT ${JSON.stringify(report)}\n`);
process.exit(0);
