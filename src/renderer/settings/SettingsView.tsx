import { useState, type FormEvent, type ReactNode } from 'react';
import type { KeyStatus } from '../../shared/key-status';
import type { Settings, StreamingCredential } from '../../shared/settings';
import { type EarshotClient, userFacingErrorOf } from '../bridge/earshot-client';
import { KeySection } from './KeySection';
import {
  checkForm,
  describeSettingsProblem,
  formFromSettings,
  patchFromForm,
  type FieldProblem,
  type SettingsForm,
} from './settings-form';
import { useMicrophones } from './useMicrophones';

interface SettingsViewProps {
  client: EarshotClient;
  keyStatus: KeyStatus | null;
  onKeyStatus(status: KeyStatus): void;
  settings: Settings;
  settingsNotice: string | null;
  onSettings(settings: Settings, notice: string | null): void;
  firstRun: boolean;
  sessionActive: boolean;
}

const credentialChoices: { value: StreamingCredential; title: string; explanation: string }[] = [
  {
    value: 'auto',
    title: 'Automatic (recommended)',
    explanation:
      'For every connection Earshot mints a token that expires within a minute, so the saved key never travels with your audio.',
  },
  {
    value: 'ephemeral-key',
    title: 'Temporary key',
    explanation:
      'For every session Earshot creates a key that can only transcribe and deletes it when you stop. Needs a key that can create keys.',
  },
  {
    value: 'direct',
    title: 'Saved key',
    explanation:
      'The live connection uses the saved key itself. Simplest, for self-hosted endpoints that do not issue tokens. Chosen together with the key: select it, then paste the key above and save it.',
  },
];

/** Streaming with the key itself is chosen together with the key, never by the form alone. */
function directNeedsKey(settings: Settings, form: SettingsForm): FieldProblem | null {
  if (form.streamingCredential !== 'direct' || settings.streamingCredential === 'direct') return null;
  return {
    field: 'streamingCredential',
    message:
      'Streaming with the saved key itself is chosen together with the key: paste the key under Deepgram API key above and press Save.',
  };
}

export function SettingsView(props: SettingsViewProps): ReactNode {
  const { client, keyStatus, onKeyStatus, settings, settingsNotice, onSettings, firstRun, sessionActive } =
    props;
  const [form, setForm] = useState<SettingsForm>(() => formFromSettings(settings));
  const [problem, setProblem] = useState<FieldProblem | null>(null);
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState(false);
  const microphones = useMicrophones();

  const set = <K extends keyof SettingsForm>(field: K, value: SettingsForm[K]): void => {
    setForm((previous) => ({ ...previous, [field]: value }));
    setSaved(false);
  };

  const onSubmit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    const local = checkForm(settings, form) ?? directNeedsKey(settings, form);
    setProblem(local);
    setSaved(false);
    if (local) return;
    setSaving(true);
    try {
      const result = await client.updateSettings(patchFromForm(form));
      onSettings(result.settings, result.notice);
      setForm(formFromSettings(result.settings));
      setSaved(true);
    } catch (error) {
      setProblem(describeSettingsProblem(userFacingErrorOf(error).message));
    } finally {
      setSaving(false);
    }
  };

  /** Saving a key also saved its endpoint and streaming choice in main: show main's values. */
  const adoptKeyBinding = async (): Promise<void> => {
    try {
      const result = await client.getSettings();
      onSettings(result.settings, result.notice);
      setForm((previous) => ({
        ...previous,
        endpoint: result.settings.endpoint,
        streamingCredential: result.settings.streamingCredential,
      }));
    } catch (error) {
      setProblem(describeSettingsProblem(userFacingErrorOf(error).message));
    }
  };

  const invalid = (field: keyof Settings): boolean => problem?.field === field;
  const chosenMicrophoneMissing =
    form.microphoneDeviceId !== '' && !microphones.some((mic) => mic.deviceId === form.microphoneDeviceId);
  const labelsHidden =
    microphones.length > 0 && microphones.every((mic) => /^Microphone \d+$/.test(mic.label));
  const cannotMint =
    form.streamingCredential === 'auto' &&
    keyStatus?.stored === true &&
    keyStatus.capabilities?.canMintTokens === false;
  const cannotCreateKeys =
    form.streamingCredential === 'ephemeral-key' &&
    keyStatus?.stored === true &&
    keyStatus.capabilities?.canCreateKeys === false;

  return (
    <div className="settings-view">
      <h1>Settings</h1>
      {firstRun && (
        <p className="callout intro" data-testid="first-run-intro">
          To transcribe, Earshot needs a Deepgram API key. Paste it below once: Earshot checks it with
          Deepgram and then keeps it in your operating system’s keychain (Keychain on macOS, Credential
          Manager on Windows, the Secret Service on Linux), where only Earshot’s background process can read
          it. The key never comes back to this window — afterwards you see only its project, what it may do
          and a fingerprint that tells keys apart — and live connections use short-lived tokens made from it,
          so the key itself does not travel with your audio.
        </p>
      )}
      {settingsNotice && (
        <p className="callout warning" data-testid="settings-notice" role="status">
          {settingsNotice}
        </p>
      )}

      <KeySection
        client={client}
        status={keyStatus}
        onStatus={onKeyStatus}
        binding={{ endpoint: form.endpoint.trim(), streamingCredential: form.streamingCredential }}
        savedEndpoint={settings.endpoint}
        onSaved={() => void adoptKeyBinding()}
      />

      <form className="settings-form" onSubmit={(event) => void onSubmit(event)} noValidate>
        <section className="settings-section" aria-labelledby="connection-heading">
          <h2 id="connection-heading">Transcription</h2>
          <div className="field">
            <label htmlFor="endpoint-input">Endpoint URL</label>
            <input
              id="endpoint-input"
              data-testid="endpoint-input"
              type="url"
              value={form.endpoint}
              onChange={(event) => set('endpoint', event.target.value)}
              aria-invalid={invalid('endpoint')}
              spellCheck={false}
            />
            <p className="help">
              Deepgram’s own is https://api.deepgram.com. Plain http:// only for localhost.
            </p>
          </div>
          <div className="field-row">
            <div className="field">
              <label htmlFor="model-input">Model</label>
              <input
                id="model-input"
                data-testid="model-input"
                value={form.model}
                onChange={(event) => set('model', event.target.value)}
                aria-invalid={invalid('model')}
                list="model-suggestions"
                spellCheck={false}
              />
              <datalist id="model-suggestions">
                <option value="nova-3" />
                <option value="nova-3-medical" />
                <option value="nova-2" />
              </datalist>
            </div>
            <div className="field">
              <label htmlFor="language-input">Language</label>
              <input
                id="language-input"
                data-testid="language-input"
                value={form.language}
                onChange={(event) => set('language', event.target.value)}
                aria-invalid={invalid('language')}
                spellCheck={false}
              />
            </div>
          </div>
          <Toggle
            id="smart-format"
            checked={form.smartFormat}
            onChange={(value) => set('smartFormat', value)}
          >
            Smart format (numbers, dates, paragraphs)
          </Toggle>
          <Toggle id="punctuate" checked={form.punctuate} onChange={(value) => set('punctuate', value)}>
            Punctuation
          </Toggle>
          <Toggle
            id="interim-results"
            checked={form.interimResults}
            onChange={(value) => set('interimResults', value)}
          >
            Interim results (show words while you speak)
          </Toggle>
          <div className="field-row">
            <Toggle
              id="endpointing-on"
              checked={form.endpointingOn}
              onChange={(value) => set('endpointingOn', value)}
            >
              Endpointing
            </Toggle>
            <NumberField
              id="endpointing-ms"
              label="Silence that ends a phrase (ms)"
              value={form.endpointingMs}
              disabled={!form.endpointingOn}
              invalid={invalid('endpointing')}
              onChange={(value) => set('endpointingMs', value)}
            />
          </div>
          <div className="field-row">
            <Toggle
              id="utterance-end-on"
              checked={form.utteranceEndOn}
              onChange={(value) => set('utteranceEndOn', value)}
            >
              Utterance end
            </Toggle>
            <NumberField
              id="utterance-end-ms"
              label="Gap between words that ends an utterance (ms)"
              value={form.utteranceEndMs}
              disabled={!form.utteranceEndOn}
              invalid={invalid('utteranceEndMs')}
              onChange={(value) => set('utteranceEndMs', value)}
            />
          </div>
          <div className="field">
            <label htmlFor="keyterms-input">Keyterms (one per line)</label>
            <textarea
              id="keyterms-input"
              data-testid="keyterms-input"
              rows={4}
              value={form.keyterms}
              onChange={(event) => set('keyterms', event.target.value)}
              aria-invalid={invalid('keyterms')}
            />
            <p className="help">Names and jargon Deepgram should listen for. Nova-3 models only.</p>
          </div>
          <Toggle id="diarize" checked={form.diarize} onChange={(value) => set('diarize', value)}>
            Speaker labels (tell speakers apart)
          </Toggle>
        </section>

        <section className="settings-section" aria-labelledby="microphone-heading">
          <h2 id="microphone-heading">Microphone</h2>
          <div className="field">
            <label htmlFor="microphone-select">Microphone</label>
            <select
              id="microphone-select"
              data-testid="microphone-select"
              value={form.microphoneDeviceId}
              onChange={(event) => set('microphoneDeviceId', event.target.value)}
            >
              <option value="">System default</option>
              {microphones.map((mic) => (
                <option key={mic.deviceId} value={mic.deviceId}>
                  {mic.label}
                </option>
              ))}
              {chosenMicrophoneMissing && (
                <option value={form.microphoneDeviceId}>The chosen microphone (not connected)</option>
              )}
            </select>
            {labelsHidden && (
              <p className="help">Microphone names appear after Earshot has used the microphone once.</p>
            )}
          </div>
          <Toggle
            id="echo-cancellation"
            checked={form.echoCancellation}
            onChange={(value) => set('echoCancellation', value)}
          >
            Echo cancellation
          </Toggle>
          <Toggle
            id="noise-suppression"
            checked={form.noiseSuppression}
            onChange={(value) => set('noiseSuppression', value)}
          >
            Noise suppression
          </Toggle>
          <Toggle
            id="auto-gain"
            checked={form.autoGainControl}
            onChange={(value) => set('autoGainControl', value)}
          >
            Automatic gain
          </Toggle>
        </section>

        <fieldset className="settings-section credential-choice">
          <legend>Streaming credential</legend>
          {credentialChoices.map((choice) => (
            <label key={choice.value} className="choice">
              <input
                type="radio"
                name="streaming-credential"
                value={choice.value}
                data-testid={`credential-${choice.value}`}
                checked={form.streamingCredential === choice.value}
                onChange={() => set('streamingCredential', choice.value)}
              />
              <span>
                <strong>{choice.title}</strong>
                <span className="help">{choice.explanation}</span>
              </span>
            </label>
          ))}
          {cannotMint && (
            <p className="callout warning" data-testid="credential-fallback">
              This key cannot mint short-lived tokens, so live connections will fall back to the saved key.
              Use a key with the Member role or higher to avoid that.
            </p>
          )}
          {cannotCreateKeys && (
            <p className="callout warning" data-testid="credential-cannot-create">
              This key cannot create keys, so sessions with a temporary key will fail. Choose Automatic, or
              use a key that can create keys.
            </p>
          )}
        </fieldset>

        <div className="form-actions">
          <button type="submit" className="primary" data-testid="save-settings" disabled={saving}>
            {saving ? 'Saving…' : 'Save settings'}
          </button>
          {sessionActive && <span className="help">Changes apply to the next session.</span>}
          {saved && !problem && (
            <span className="ok-text" data-testid="settings-saved" role="status">
              Settings saved.
            </span>
          )}
        </div>
        {problem && (
          <p className="callout error" data-testid="settings-error" role="alert">
            {problem.message}
          </p>
        )}
      </form>
    </div>
  );
}

function Toggle(props: {
  id: string;
  checked: boolean;
  onChange(value: boolean): void;
  children: ReactNode;
}): ReactNode {
  return (
    <div className="toggle">
      <input
        id={props.id}
        data-testid={`${props.id}-toggle`}
        type="checkbox"
        checked={props.checked}
        onChange={(event) => props.onChange(event.target.checked)}
      />
      <label htmlFor={props.id}>{props.children}</label>
    </div>
  );
}

function NumberField(props: {
  id: string;
  label: string;
  value: string;
  disabled: boolean;
  invalid: boolean;
  onChange(value: string): void;
}): ReactNode {
  return (
    <div className="field compact">
      <label htmlFor={props.id}>{props.label}</label>
      <input
        id={props.id}
        data-testid={`${props.id}-input`}
        inputMode="numeric"
        value={props.value}
        disabled={props.disabled}
        aria-invalid={props.invalid}
        onChange={(event) => props.onChange(event.target.value)}
      />
    </div>
  );
}
