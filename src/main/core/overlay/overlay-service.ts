/**
 * What the caption overlay is told and may do, without Electron: core events become the
 * overlay's own (segments without the session id, the session's phase when it changes), its
 * look comes from the `overlay` setting, and its four commands land here. The Electron glue
 * (src/main/overlay-window.ts) supplies the window controls: click-through, hide, the shortcut.
 */
import type { EventSink } from '../handler-types';
import type { EventMethod, EventPayloadOf } from '../../../shared/ipc-contract';
import type { RequestBudget } from '../request-budget';
import type {
  OverlayEventMethod,
  OverlayEventPayloadOf,
  OverlayInvokeHandlers,
  OverlayView,
} from '../../../shared/overlay-contract';
import type { OverlayStyle } from '../../../shared/overlay-style';
import type { SessionPhase } from '../../../shared/session-state';
import type { Settings } from '../../../shared/settings';

type CoreEvent = { [M in EventMethod]: { method: M; payload: EventPayloadOf<M> } }[EventMethod];

export type OverlayEventSink = <M extends OverlayEventMethod>(
  method: M,
  payload: OverlayEventPayloadOf<M>,
) => void;

/** The overlay window as the glue drives it. */
export interface OverlayControls {
  /** Clicks pass through the window to what is under it (Electron: setIgnoreMouseEvents). */
  setClickThrough(enabled: boolean): void;
  hide(): void;
  /** The shortcut that turns click-through off, as the person presses it; null when none is registered. */
  clickThroughShortcut(): string | null;
}

export interface OverlaySettingsPort {
  current(): Settings;
  update(patch: { overlay: OverlayStyle }): unknown;
  onChange(listener: (settings: Settings) => void): () => void;
}

export interface OverlayService {
  handlers: OverlayInvokeHandlers;
  /** Give it every core event (EarshotCore.observeEvents). */
  observe: EventSink;
  view(): OverlayView;
  /** From the shortcut or the tray item as well as from the overlay. */
  setClickThrough(enabled: boolean): OverlayView;
  /** Stops following the settings. */
  dispose(): void;
}

function sameStyle(a: OverlayStyle, b: OverlayStyle): boolean {
  return (
    a.lines === b.lines &&
    a.fontSize === b.fontSize &&
    a.contrast === b.contrast &&
    a.widthPercent === b.widthPercent &&
    a.transparent === b.transparent
  );
}

export function createOverlayService(deps: {
  settings: OverlaySettingsPort;
  controls: OverlayControls;
  send: OverlayEventSink;
  /** Adjustments are written to the settings file: a budget keeps a looping page from wearing the disk. */
  adjustments: RequestBudget;
}): OverlayService {
  const { settings, controls, send } = deps;
  let clickThrough = false;
  let phase: SessionPhase = 'idle';
  let style = settings.current().overlay;
  // Names given to the running session's speakers; another session's renames do not show here.
  let sessionId: string | null = null;
  let speakerNames: Record<string, string> = {};

  const view = (): OverlayView => ({
    style,
    clickThrough,
    clickThroughShortcut: controls.clickThroughShortcut(),
    speakerNames,
  });

  const stopWatching = settings.onChange((next) => {
    if (sameStyle(next.overlay, style)) return;
    style = next.overlay;
    send('onOverlayView', view());
  });

  const setClickThrough = (enabled: boolean): OverlayView => {
    if (enabled !== clickThrough) {
      clickThrough = enabled;
      controls.setClickThrough(enabled);
    }
    const current = view();
    send('onOverlayView', current);
    return current;
  };

  return {
    handlers: {
      getOverlayView: async () => {
        send('onSessionPhase', phase);
        return view();
      },
      setClickThrough: async ({ enabled }) => setClickThrough(enabled),
      adjustOverlay: async (adjustment) => {
        deps.adjustments.spend();
        const next: OverlayStyle = {
          ...style,
          ...(adjustment.lines === undefined ? {} : { lines: adjustment.lines }),
          ...(adjustment.fontSize === undefined ? {} : { fontSize: adjustment.fontSize }),
        };
        // The settings service tells every listener, this one included, which sends the new view.
        if (!sameStyle(next, style)) settings.update({ overlay: next });
        return view();
      },
      hideOverlay: async () => {
        controls.hide();
        return true;
      },
    },
    observe: (method, payload) => {
      // The sink pairs each method with its payload; TypeScript cannot follow that through the generic, so it is paired here once.
      const event = { method, payload } as CoreEvent;
      if (event.method === 'onTranscript') {
        if (event.payload.kind === 'segment') send('onCaption', { segment: event.payload.segment });
      } else if (event.method === 'onSessionState') {
        const nextSessionId = event.payload.sessionId;
        if (nextSessionId !== null && nextSessionId !== sessionId) {
          sessionId = nextSessionId;
          if (Object.keys(speakerNames).length > 0) {
            speakerNames = {};
            send('onOverlayView', view());
          }
        }
        if (event.payload.phase !== phase) {
          phase = event.payload.phase;
          send('onSessionPhase', phase);
        }
      } else if (event.method === 'onSpeakerNames' && event.payload.sessionId === sessionId) {
        speakerNames = { ...event.payload.speakerNames };
        send('onOverlayView', view());
      }
    },
    view,
    setClickThrough,
    dispose: stopWatching,
  };
}
