/**
 * Whether the key hook can see the keyboard here. It must be asked before the hook starts:
 * libuiohook aborts the whole process (SIGABRT, "XOpenDisplay failure") when the X display
 * cannot be opened, so on Linux the display's socket is tried first.
 */
import { createConnection } from 'node:net';
import { inserterKindFor } from '../insertion/platform-inserter-kind';

/** Connects to the X server's socket (":1" → /tmp/.X11-unix/X1, "host:10.0" → TCP 6010). */
function xDisplayAnswers(display: string, timeoutMs = 1000): Promise<boolean> {
  const match = /^([^:]*):(\d+)(\.\d+)?$/.exec(display);
  if (!match) return Promise.resolve(false);
  const host = match[1] ?? '';
  const number = Number(match[2]);
  const local = host === '' || host === 'unix';
  return new Promise((resolve) => {
    const socket = local
      ? createConnection({ path: `/tmp/.X11-unix/X${number}` })
      : createConnection({ host, port: 6000 + number });
    const done = (answered: boolean) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(answered);
    };
    const timer = setTimeout(() => done(false), timeoutMs);
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/** Why the key hook cannot see the keyboard on this desktop (a sentence's start), or null. */
export async function hookBlockedReason(
  platform: NodeJS.Platform,
  env: NodeJS.ProcessEnv,
  accessibilityTrusted: () => boolean,
): Promise<string | null> {
  if (platform === 'darwin' && !accessibilityTrusted()) {
    return 'Earshot needs the Accessibility permission (System Settings, Privacy & Security, Accessibility) to see when the shortcut is let go';
  }
  if (platform !== 'linux') return null;
  if (inserterKindFor(platform, env) === 'wayland') {
    return 'On Wayland other apps’ keys are private, so Earshot cannot see when the shortcut is let go';
  }
  const display = env.DISPLAY ?? '';
  if (display === '' || !(await xDisplayAnswers(display))) {
    return 'Earshot cannot reach the X display to watch the keyboard';
  }
  return null;
}
