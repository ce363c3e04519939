/**
 * What the tray (the menu bar on macOS) shows: an icon and tooltip for the session's state, and
 * its menu. Plain TypeScript, no Electron: tray-glue.ts turns a TrayView into Electron's Tray,
 * Menu and nativeImage. Other features add their own items with addSection (for example the
 * caption overlay's "Show captions"); each section is asked for its items whenever the menu is
 * built, so it always reflects the current state.
 */
import type { SessionPhase, SessionState } from '../../shared/session-state';

/** The four faces of the icon. */
export const trayIconStates = ['idle', 'listening', 'reconnecting', 'error'] as const;
export type TrayIconState = (typeof trayIconStates)[number];

/** One menu item; a click runs in main. `checked` makes it a checkbox item. */
export type TrayMenuEntry =
  | { kind: 'item'; label: string; enabled: boolean; checked?: boolean; click: () => void }
  | { kind: 'separator' };

/** What a section sees when the menu is built. */
export interface TrayContext {
  session: SessionState;
  /** Whether Earshot's window is showing (closed to the tray: false). */
  windowVisible: boolean;
}

/** A group of items another feature puts in the menu, between Start/Stop and Open Earshot. */
export type TrayMenuSection = (context: TrayContext) => readonly TrayMenuEntry[];

export interface TrayActions {
  /** Starts a session (with capture in the window): the dictation shortcut's start. */
  start(): void;
  stop(): void;
  /** Shows, restores and focuses the window (creating it again if it was destroyed). */
  openWindow(): void;
  /** Really quits, also when closing the window only hides it. */
  quit(): void;
}

export interface TrayView {
  icon: TrayIconState;
  tooltip: string;
  menu: TrayMenuEntry[];
}

const iconByPhase: Record<SessionPhase, TrayIconState> = {
  idle: 'idle',
  connecting: 'listening',
  live: 'listening',
  paused: 'idle',
  reconnecting: 'reconnecting',
  stopping: 'listening',
  error: 'error',
};

export function trayIconFor(session: SessionState): TrayIconState {
  // Stop keeps trying during an outage: the connection is what is wrong, not the session.
  if (session.phase === 'stopping' && session.finishing !== null) return 'reconnecting';
  return iconByPhase[session.phase];
}

/** The tooltip: the app's name and the state in a few words, never a server's text. */
export function trayTooltipFor(session: SessionState): string {
  switch (session.phase) {
    case 'idle':
      return 'Earshot: not listening';
    case 'connecting':
      return 'Earshot: connecting…';
    case 'live':
      return 'Earshot: listening';
    case 'paused':
      return 'Earshot: paused';
    case 'reconnecting':
      return 'Earshot: connection lost, reconnecting (nothing you say is lost)';
    case 'stopping':
      return session.finishing ? 'Earshot: finishing, still sending what you said' : 'Earshot: finishing…';
    case 'error':
      return 'Earshot: stopped by a problem; open Earshot to see what to do';
  }
}

/** Whether Start would be refused: a session is on, or still finishing. */
function sessionRunning(session: SessionState): boolean {
  return session.phase !== 'idle' && session.phase !== 'error';
}

export class TrayModel {
  private readonly sections: TrayMenuSection[] = [];
  private readonly listeners = new Set<() => void>();

  constructor(private readonly actions: TrayActions) {}

  /**
   * Adds a group of items to the menu (shown after Start/Stop, with separators around it) and
   * rebuilds the menu. Returns a function that removes the group again.
   */
  addSection(section: TrayMenuSection): () => void {
    this.sections.push(section);
    this.changed();
    return () => {
      const index = this.sections.indexOf(section);
      if (index >= 0) this.sections.splice(index, 1);
      this.changed();
    };
  }

  /** Something a section shows has changed (a setting, a window): the glue rebuilds the menu. */
  changed(): void {
    for (const listener of this.listeners) listener();
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  view(context: TrayContext): TrayView {
    const { session } = context;
    const running = sessionRunning(session);
    const stopping = session.phase === 'stopping';
    const menu: TrayMenuEntry[] = [
      running
        ? {
            kind: 'item',
            label: stopping ? 'Finishing…' : 'Stop',
            enabled: !stopping,
            click: this.actions.stop,
          }
        : { kind: 'item', label: 'Start', enabled: true, click: this.actions.start },
    ];
    for (const section of this.sections) {
      const entries = section(context);
      if (entries.length > 0) menu.push({ kind: 'separator' }, ...entries);
    }
    menu.push(
      { kind: 'separator' },
      { kind: 'item', label: 'Open Earshot', enabled: true, click: this.actions.openWindow },
      { kind: 'item', label: 'Quit Earshot', enabled: true, click: this.actions.quit },
    );
    return { icon: trayIconFor(session), tooltip: trayTooltipFor(session), menu };
  }
}
