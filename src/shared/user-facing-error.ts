/**
 * Every failure the user can meet, as a stable code plus a plain sentence that says what
 * to do. Messages never contain a stack trace or any part of a credential.
 */
export type ErrorCode =
  | 'invalid-request'
  | 'no-key'
  | 'key-other-endpoint'
  | 'endpoint-not-confirmed'
  | 'bad-key'
  | 'no-permission'
  | 'no-credit'
  | 'too-many-streams'
  | 'bad-option'
  | 'endpoint-unreachable'
  | 'connection-lost'
  | 'keychain-unavailable'
  | 'keychain-locked'
  | 'microphone-denied'
  | 'microphone-unavailable'
  | 'session-busy'
  | 'not-found'
  | 'rate-limited'
  | 'internal';

export interface UserFacingError {
  code: ErrorCode;
  message: string;
}

export const defaultMessages: Record<ErrorCode, string> = {
  'invalid-request': 'Earshot refused a malformed request. Restart the app if this keeps happening.',
  'no-key': 'No Deepgram API key is set. Open Settings and save a key.',
  'key-other-endpoint':
    'The key was saved for another endpoint. Save it again on the Settings screen to use it with this one.',
  'endpoint-not-confirmed':
    'Earshot did not use the new endpoint, because it was not confirmed. Nothing was sent there.',
  'bad-key':
    'Deepgram rejected the API key: it is invalid or has expired. Open Settings and save a valid key.',
  'no-permission':
    'The API key is not allowed to do this. Use a key with the Member role or higher, or ask your Deepgram admin.',
  'no-credit':
    'The Deepgram project has run out of credit. Add credit in the Deepgram console, then try again.',
  'too-many-streams':
    'Deepgram is already handling as many live streams as this project allows. Stop another stream or try again in a minute.',
  'bad-option': 'Deepgram refused one of the transcription settings. Check Settings and try again.',
  'endpoint-unreachable':
    'Earshot cannot reach the Deepgram endpoint. Check your network connection and the endpoint URL in Settings.',
  'connection-lost':
    'The connection to Deepgram was lost. Check your network connection and press Start again.',
  'keychain-unavailable':
    'No system keychain is available. On Linux install and start a Secret Service such as gnome-keyring (packages gnome-keyring and libsecret-1-0), or use the key for this session only.',
  'keychain-locked':
    'The system keychain is locked. Unlock it (on Linux, log in to your desktop keyring) and try again, or use the key for this session only.',
  'microphone-denied':
    'Earshot is not allowed to use the microphone. Allow microphone access for Earshot in your system settings, then press Start again.',
  'microphone-unavailable':
    'No microphone was found. Connect a microphone or choose another one in Settings.',
  'session-busy': 'A session is already running. Stop it before starting another.',
  'not-found': 'That item no longer exists.',
  'rate-limited': 'Earshot is receiving this request too often. Wait a moment, then try again.',
  internal: 'Something went wrong inside Earshot. Your transcript is saved; restart the app and try again.',
};

export function userFacingError(code: ErrorCode, message: string = defaultMessages[code]): UserFacingError {
  return { code, message };
}

/** An Error that carries a UserFacingError across layers of main. */
export class EarshotError extends Error {
  readonly userFacing: UserFacingError;
  constructor(code: ErrorCode, message: string = defaultMessages[code], options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'EarshotError';
    this.userFacing = userFacingError(code, message);
  }
}

export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: UserFacingError };
