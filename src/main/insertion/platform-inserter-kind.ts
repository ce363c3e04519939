/** Which inserter fits the desktop Earshot runs on. */

export type InserterKind = 'x11' | 'wayland' | 'macos' | 'windows';

/**
 * On a Wayland session the Wayland tools are used even when an X server is there too
 * (XWayland): xdotool reaches only the X11 apps of such a desktop. Null where there is no
 * desktop to type into (a Linux console, an unknown platform).
 */
export function inserterKindFor(platform: NodeJS.Platform, env: NodeJS.ProcessEnv): InserterKind | null {
  if (platform === 'darwin') return 'macos';
  if (platform === 'win32') return 'windows';
  if (env.XDG_SESSION_TYPE === 'wayland' || (env.WAYLAND_DISPLAY ?? '') !== '') return 'wayland';
  if ((env.DISPLAY ?? '') !== '') return 'x11';
  return null;
}
