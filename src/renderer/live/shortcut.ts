/** True on macOS, where shortcuts use ⌘ instead of Ctrl. */
export const isMac = /Mac|iPhone|iPad/.test(navigator.userAgent);

export const startStopShortcutLabel = isMac ? '⌘ Enter' : 'Ctrl+Enter';
/** The same shortcut in aria-keyshortcuts syntax. */
export const startStopKeyShortcuts = isMac ? 'Meta+Enter' : 'Control+Enter';
export const pauseShortcutLabel = isMac ? '⌘ Shift Enter' : 'Ctrl+Shift+Enter';

export function isStartStopShortcut(event: KeyboardEvent): boolean {
  return event.key === 'Enter' && (isMac ? event.metaKey : event.ctrlKey) && !event.shiftKey && !event.altKey;
}

export function isPauseShortcut(event: KeyboardEvent): boolean {
  return event.key === 'Enter' && (isMac ? event.metaKey : event.ctrlKey) && event.shiftKey && !event.altKey;
}
