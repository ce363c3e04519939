/**
 * The menu offers editing (so copy and paste work in the key field on macOS), zoom and window
 * commands. Reload and the developer tools appear only in unpackaged development builds.
 */
import type { MenuItemConstructorOptions } from 'electron';

export function applicationMenuTemplate(options: {
  isMac: boolean;
  includeDeveloperItems: boolean;
}): MenuItemConstructorOptions[] {
  const template: MenuItemConstructorOptions[] = [];
  if (options.isMac) template.push({ role: 'appMenu' });
  template.push({ role: 'fileMenu' }, { role: 'editMenu' });
  if (options.includeDeveloperItems) {
    template.push({
      label: 'Develop',
      submenu: [{ role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }],
    });
  }
  // Zoom, so Ctrl/⌘ + and − (and 0) enlarge the whole window for people who need larger text.
  template.push({
    label: 'View',
    submenu: [{ role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }],
  });
  template.push({ role: 'windowMenu' });
  return template;
}
