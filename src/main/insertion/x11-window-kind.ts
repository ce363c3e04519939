/**
 * What kind of window has the focus, from its WM_CLASS, and so how it pastes: most apps with
 * Ctrl+V, terminal emulators with Ctrl+Shift+V (Ctrl+V is a control character there), and
 * xterm and rxvt with Shift+Insert, which pastes the PRIMARY selection (they bind no key to
 * the clipboard by default).
 */

export type X11WindowKind = 'app' | 'terminal' | 'xterm-like';

const xtermLike = new Set([
  'xterm',
  'uxterm',
  'urxvt',
  'rxvt',
  'rxvt-unicode',
  'urxvt-256color',
  'aterm',
  'eterm',
]);

const terminals = new Set([
  'alacritty',
  'blackbox',
  'com.gexperts.tilix',
  'com.mitchellh.ghostty',
  'com.raggesilver.blackbox',
  'contour',
  'cool-retro-term',
  'deepin-terminal',
  'foot',
  'footclient',
  'ghostty',
  'gnome-terminal',
  'gnome-terminal-server',
  'guake',
  'hyper',
  'kgx',
  'kitty',
  'konsole',
  'lxterminal',
  'mate-terminal',
  'org.gnome.console',
  'org.gnome.ptyxis',
  'org.gnome.terminal',
  'org.kde.konsole',
  'org.wezfurlong.wezterm',
  'ptyxis',
  'qterminal',
  'rio',
  'roxterm',
  'sakura',
  'st',
  'st-256color',
  'tabby',
  'terminator',
  'terminology',
  'termite',
  'tilda',
  'tilix',
  'wezterm',
  'xfce4-terminal',
  'yakuake',
]);

/** WM_CLASS holds an instance name and a class name; either may identify the program. */
export function windowKindOf(wmClass: readonly string[]): X11WindowKind {
  const names = wmClass.map((name) => name.toLowerCase());
  if (names.some((name) => xtermLike.has(name))) return 'xterm-like';
  if (names.some((name) => terminals.has(name))) return 'terminal';
  return 'app';
}

/** The names in xprop's `WM_CLASS(STRING) = "xterm", "XTerm"`; none when the property is missing. */
export function parseWmClass(xpropOutput: string): string[] {
  const line = xpropOutput.split('\n').find((candidate) => candidate.startsWith('WM_CLASS'));
  if (!line) return [];
  return [...line.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((match) => match[1] ?? '');
}
