/**
 * Whether the key hook may start: libuiohook aborts the process when the X display cannot be
 * opened, so the display's socket is tried first. The X server here is a TCP listener on
 * 6000 + the display number, which is what a "host:N" display means.
 */
import { createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { hookBlockedReason } from '../../../src/main/hotkey/hook-blocked';

let xServer: Server;
let displayNumber: number;
const accepted: Socket[] = [];

beforeAll(async () => {
  xServer = createServer((socket) => accepted.push(socket));
  await new Promise<void>((resolve) => xServer.listen(0, '127.0.0.1', resolve));
  displayNumber = (xServer.address() as { port: number }).port - 6000;
});
afterAll(async () => {
  for (const socket of accepted) socket.destroy();
  await new Promise<void>((resolve) => xServer.close(() => resolve()));
});

const trusted = () => true;

describe('hookBlockedReason', () => {
  test('an X display that answers lets the hook start', async () => {
    expect(displayNumber).toBeGreaterThan(0);
    expect(await hookBlockedReason('linux', { DISPLAY: `127.0.0.1:${displayNumber}` }, trusted)).toBeNull();
    expect(await hookBlockedReason('linux', { DISPLAY: `127.0.0.1:${displayNumber}.0` }, trusted)).toBeNull();
    // Each answer came from a real connection to the display's port.
    await vi.waitFor(() => expect(accepted.length).toBe(2));
  });

  test('an X display that does not answer, cannot be parsed, or is not set blocks it', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const closedDisplay = (closed.address() as { port: number }).port - 6000;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const noDisplay = 'Earshot cannot reach the X display to watch the keyboard';
    expect(await hookBlockedReason('linux', { DISPLAY: `127.0.0.1:${closedDisplay}` }, trusted)).toBe(
      noDisplay,
    );
    // A local display whose socket is not there (no X server has display number 65000).
    expect(await hookBlockedReason('linux', { DISPLAY: ':65000' }, trusted)).toBe(noDisplay);
    expect(await hookBlockedReason('linux', { DISPLAY: 'not a display' }, trusted)).toBe(noDisplay);
    expect(await hookBlockedReason('linux', {}, trusted)).toBe(noDisplay);
  });

  test('Wayland keeps other apps’ keys private, even with XWayland’s display', async () => {
    const reason = await hookBlockedReason(
      'linux',
      { WAYLAND_DISPLAY: 'wayland-0', DISPLAY: `127.0.0.1:${displayNumber}` },
      trusted,
    );
    expect(reason).toBe(
      'On Wayland other apps’ keys are private, so Earshot cannot see when the shortcut is let go',
    );
  });

  test('macOS needs the Accessibility permission; Windows needs nothing', async () => {
    expect(await hookBlockedReason('darwin', {}, () => false)).toMatch(
      /^Earshot needs the Accessibility permission/,
    );
    expect(await hookBlockedReason('darwin', {}, trusted)).toBeNull();
    expect(await hookBlockedReason('win32', {}, () => false)).toBeNull();
  });
});
