import type { CaptureProblem } from '../../shared/capture-problem';
import { defaultMessages } from '../../shared/user-facing-error';

/** A microphone failure: the problem main is told about, and the sentence the user reads. */
export class CaptureError extends Error {
  override name = 'CaptureError';
  readonly problem: CaptureProblem | null;
  constructor(problem: CaptureProblem | null, message: string) {
    super(message);
    this.problem = problem;
  }
}

export const deviceLostMessage =
  'The microphone stopped working or was disconnected, so nothing is being heard. Press Stop, reconnect the microphone or choose another one in Settings, then start again.';

function errorName(error: unknown): string {
  return typeof error === 'object' && error !== null && 'name' in error && typeof error.name === 'string'
    ? error.name
    : '';
}

/** Maps a getUserMedia rejection to a capture problem and a plain sentence. */
export function captureErrorFromGetUserMedia(error: unknown, usedChosenDevice: boolean): CaptureError {
  switch (errorName(error)) {
    case 'NotAllowedError':
    case 'SecurityError':
      return new CaptureError('microphone-denied', defaultMessages['microphone-denied']);
    case 'OverconstrainedError':
    case 'NotFoundError':
      return new CaptureError(
        'microphone-unavailable',
        usedChosenDevice
          ? 'The microphone chosen in Settings was not found. Connect it or choose another one in Settings.'
          : defaultMessages['microphone-unavailable'],
      );
    case 'NotReadableError':
      return new CaptureError(
        'microphone-unavailable',
        'The microphone could not be started; another app may be using it. Close that app or choose another microphone in Settings.',
      );
    default:
      return new CaptureError(
        'microphone-unavailable',
        'The microphone could not be opened. Check that it is connected, or choose another one in Settings.',
      );
  }
}
