import { useState, type FormEvent, type ReactNode } from 'react';
import type { KeyPersistence, KeyStatus } from '../../shared/key-status';
import { endpointHost, sameEndpointOrigin } from '../../shared/endpoint-origin';
import { apiKey, type RequestOf } from '../../shared/ipc-contract';
import { endpointUrl } from '../../shared/settings';
import type { ErrorCode } from '../../shared/user-facing-error';
import { type EarshotClient, userFacingErrorOf } from '../bridge/earshot-client';
import { Callout } from '../ui/Callout';
import { KeyStatusFacts } from './KeyStatusFacts';

/** What a key is saved together with: where it may be sent, and how sessions stream with it. */
export type KeyBinding = Omit<RequestOf<'saveKey'>, 'key' | 'persistence'>;

interface KeySectionProps {
  client: EarshotClient;
  status: KeyStatus | null;
  onStatus(status: KeyStatus): void;
  /** The endpoint and streaming choice on screen now: what a saved key is bound to. */
  binding: KeyBinding;
  /** The endpoint in main's settings, which sessions use. */
  savedEndpoint: string;
  /** A key was saved: main's settings now hold its endpoint and streaming choice. */
  onSaved(): void;
}

type Busy = 'checking' | 'testing' | 'removing' | null;

const keychainProblems = new Set<ErrorCode>(['keychain-unavailable', 'keychain-locked']);

/** Why a typed value cannot be a key, before it is ever sent; null when it may be one. */
function localKeyProblem(key: string): string | null {
  try {
    apiKey(key, 'key');
    return null;
  } catch {
    return 'That does not look like a Deepgram API key. Copy the whole key from the Deepgram console (at least 16 characters, no spaces, quotes or backslashes) and paste it here.';
  }
}

function endpointHostOrText(text: string): string {
  const endpoint = validEndpoint(text);
  return endpoint ? endpointHost(endpoint) : 'not a valid URL yet';
}

function validEndpoint(text: string): string | null {
  try {
    return endpointUrl(text, 'endpoint');
  } catch {
    return null;
  }
}

export function KeySection(props: KeySectionProps): ReactNode {
  const { client, status, onStatus, binding, savedEndpoint, onSaved } = props;
  // The only place a key exists in this window: the field's value, until Save sends it.
  const [keyInput, setKeyInput] = useState('');
  const [busy, setBusy] = useState<Busy>(null);
  const [error, setError] = useState<{ code: ErrorCode | null; message: string } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [confirmingRemove, setConfirmingRemove] = useState(false);
  // Cancelling (Cancel or Escape) gives the focus back to "Remove key…", where it came from.
  const [removeCancelled, setRemoveCancelled] = useState(false);
  const cancelRemove = (): void => {
    setConfirmingRemove(false);
    setRemoveCancelled(true);
  };

  const keychainUnavailable = status !== null && !status.keychain.available;
  const offerSessionOnly = keychainUnavailable || (error?.code != null && keychainProblems.has(error.code));

  const saveKey = async (persistence: KeyPersistence): Promise<void> => {
    const key = keyInput.trim();
    const problem = localKeyProblem(key);
    if (problem) {
      setError({ code: null, message: problem });
      return;
    }
    if (!validEndpoint(binding.endpoint)) {
      setError({
        code: null,
        message:
          'The endpoint URL below is not valid, and the key is checked with it. Correct the endpoint URL first, then save the key.',
      });
      return;
    }
    setError(null);
    setNotice(null);
    setBusy('checking');
    const saving = client.saveKey({ key, persistence, ...binding });
    setKeyInput('');
    try {
      const saved = await saving;
      onStatus(saved);
      onSaved();
      setNotice(
        persistence === 'session-only'
          ? 'Key checked and kept for this session only. You will need to enter it again next time.'
          : 'Key checked and saved in the system keychain.',
      );
    } catch (failure) {
      const userFacing = userFacingErrorOf(failure);
      setError({
        code: userFacing.code,
        message: keychainProblems.has(userFacing.code)
          ? `${userFacing.message} To do that, paste the key again and choose “Use for this session only”.`
          : userFacing.message,
      });
    } finally {
      setBusy(null);
    }
  };

  /** Testing or removing the saved key: main answers with the key's new status. */
  const runKeyAction = async (
    action: NonNullable<Busy>,
    request: () => Promise<KeyStatus>,
    done: string,
  ): Promise<void> => {
    setError(null);
    setNotice(null);
    setBusy(action);
    try {
      onStatus(await request());
      setNotice(done);
    } catch (failure) {
      const userFacing = userFacingErrorOf(failure);
      setError({ code: userFacing.code, message: userFacing.message });
    } finally {
      setBusy(null);
    }
  };

  const testKey = (): Promise<void> =>
    runKeyAction('testing', () => client.testKey(), 'The saved key still works.');

  const removeKey = (): Promise<void> => {
    setConfirmingRemove(false);
    return runKeyAction(
      'removing',
      () => client.removeKey(),
      'The key was removed. Earshot cannot transcribe until you save a key again.',
    );
  };

  const onSubmit = (event: FormEvent): void => {
    event.preventDefault();
    if (keyInput.trim() !== '' && busy === null) void saveKey('keychain');
  };

  return (
    <section className="settings-section" aria-labelledby="key-heading">
      <h2 id="key-heading">Deepgram API key</h2>

      <KeyStatusFacts status={status} />

      {status?.stored && status.endpoint && !sameEndpointOrigin(status.endpoint, savedEndpoint) && (
        <Callout kind="warning" role="status" testId="key-endpoint-mismatch">
          The key was saved for {endpointHost(status.endpoint)}. Save it again to use it with{' '}
          {endpointHost(savedEndpoint)}: Earshot sends a key only to the endpoint it was checked with.
        </Callout>
      )}
      <Callout kind="warning" role="status" testId="key-notice-damaged" text={status?.notice} />
      {keychainUnavailable && status?.keychain.problem && (
        <Callout kind="warning" testId="keychain-problem" text={status.keychain.problem.message} />
      )}

      <form className="key-form" onSubmit={onSubmit} autoComplete="off">
        <label htmlFor="key-input">{status?.stored ? 'Replace the key' : 'Paste your key'}</label>
        <div className="key-row">
          <input
            id="key-input"
            data-testid="key-input"
            type="password"
            autoComplete="off"
            spellCheck={false}
            autoCapitalize="off"
            autoCorrect="off"
            value={keyInput}
            onChange={(event) => setKeyInput(event.target.value)}
            disabled={busy !== null}
            aria-describedby="key-help"
            aria-invalid={error !== null}
          />
          <button
            type="submit"
            className="primary"
            data-testid="save-key"
            disabled={busy !== null || keyInput.trim() === ''}
          >
            {busy === 'checking' ? 'Checking…' : 'Save'}
          </button>
          {offerSessionOnly && (
            <button
              type="button"
              data-testid="session-only-key"
              disabled={busy !== null || keyInput.trim() === ''}
              onClick={() => void saveKey('session-only')}
            >
              Use for this session only
            </button>
          )}
        </div>
        <p id="key-help" className="help">
          Earshot checks the key with the endpoint URL below ({endpointHostOrText(binding.endpoint)}) and then
          sends it only there. The key is never shown again, here or anywhere.
        </p>
      </form>

      {busy === 'checking' && (
        <p className="muted" role="status">
          Checking the key with the endpoint…
        </p>
      )}
      <Callout kind="error" testId="key-error" text={error?.message} />
      <Callout kind="ok" role="status" testId="key-notice" text={notice} />

      {status?.stored && (
        <div className="key-actions">
          <button
            type="button"
            data-testid="test-key"
            onClick={() => void testKey()}
            disabled={busy !== null}
          >
            {busy === 'testing' ? 'Testing…' : 'Test key'}
          </button>
          {!confirmingRemove ? (
            <button
              type="button"
              className="danger"
              data-testid="remove-key"
              onClick={() => setConfirmingRemove(true)}
              disabled={busy !== null}
              autoFocus={removeCancelled}
            >
              Remove key…
            </button>
          ) : (
            <div
              className="confirm"
              role="group"
              aria-label="Confirm removing the key"
              onKeyDown={(event) => {
                if (event.key === 'Escape') cancelRemove();
              }}
            >
              <span>Remove the key? Earshot cannot transcribe until a key is saved again.</span>
              <button
                type="button"
                className="danger"
                data-testid="confirm-remove"
                onClick={() => void removeKey()}
                autoFocus
              >
                Remove
              </button>
              <button type="button" data-testid="cancel-remove" onClick={cancelRemove}>
                Cancel
              </button>
            </div>
          )}
        </div>
      )}
    </section>
  );
}
