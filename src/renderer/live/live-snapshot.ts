/** What the live view knows at one moment: the renderer's side of a session and main's state. */
import type { SessionState } from '../../shared/session-state';

export type LocalActivity = 'idle' | 'starting' | 'running' | 'stopping';

export interface LiveSnapshot {
  activity: LocalActivity;
  session: SessionState;
  /** A sentence from the renderer's side (microphone, a refused request); main's are in session.error. */
  problem: string | null;
  /** True from pressing Pause until Resume: frames are not sent. */
  paused: boolean;
  /** When the user pressed Start, for the elapsed time before main reports its own. */
  pressedStartAt: number | null;
  microphoneOn: boolean;
  /** Said once the capture moved to another microphone mid-session; cleared at the next Start. */
  microphoneNotice: string | null;
}
