import { useState, type FormEvent, type ReactNode } from 'react';
import type { KeyStatus } from '../../shared/key-status';
import type { Settings } from '../../shared/settings';
import { type EarshotClient, userFacingErrorOf } from '../bridge/earshot-client';
import type { FormSectionProps } from './form-fields';
import { KeySection } from './KeySection';
import { AccessibilitySection } from './AccessibilitySection';
import { HistorySection } from './HistorySection';
import { PrivacySection } from './PrivacySection';
import { MicrophoneSection } from './MicrophoneSection';
import { OverlaySection } from './OverlaySection';
import {
  checkForm,
  describeSettingsProblem,
  directNeedsKey,
  formFromSettings,
  patchFromForm,
  type FieldProblem,
  type SettingsForm,
} from './settings-form';
import { StreamingCredentialFieldset } from './StreamingCredentialFieldset';
import { TranscriptionSection } from './TranscriptionSection';
import { TrayAndDictationSection } from './TrayAndDictationSection';
import { DictationSection } from './DictationSection';
import { Callout } from '../ui/Callout';

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

export function SettingsView(props: SettingsViewProps): ReactNode {
  const { client, keyStatus, onKeyStatus, settings, settingsNotice, onSettings, firstRun, sessionActive } =
    props;
  const [form, setForm] = useState<SettingsForm>(() => formFromSettings(settings));
  const [problem, setProblem] = useState<FieldProblem | null>(null);
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState(false);

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
  const sectionProps: FormSectionProps = { form, set, invalid };

  return (
    <div className="settings-view">
      <h1>Settings</h1>
      {firstRun && (
        <Callout kind="intro" testId="first-run-intro">
          To transcribe, Earshot needs a Deepgram API key. Paste it below once: Earshot checks it with
          Deepgram and then keeps it in your operating system’s keychain (Keychain on macOS, Credential
          Manager on Windows, the Secret Service on Linux), where only Earshot’s background process can read
          it. The key never comes back to this window — afterwards you see only its project, what it may do
          and a fingerprint that tells keys apart — and live connections use short-lived tokens made from it,
          so the key itself does not travel with your audio.
        </Callout>
      )}
      <Callout kind="warning" role="status" testId="settings-notice" text={settingsNotice} />

      <KeySection
        client={client}
        status={keyStatus}
        onStatus={onKeyStatus}
        binding={{ endpoint: form.endpoint.trim(), streamingCredential: form.streamingCredential }}
        savedEndpoint={settings.endpoint}
        onSaved={() => void adoptKeyBinding()}
      />

      <form className="settings-form" onSubmit={(event) => void onSubmit(event)} noValidate>
        <TranscriptionSection {...sectionProps} />
        <MicrophoneSection {...sectionProps} />
        <OverlaySection {...sectionProps} />
        <StreamingCredentialFieldset form={form} set={set} keyStatus={keyStatus} />
        <TrayAndDictationSection {...sectionProps} />
        <DictationSection {...sectionProps} client={client} />
        <AccessibilitySection {...sectionProps} />
        <HistorySection {...sectionProps} client={client} />
        <PrivacySection {...sectionProps} />

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
        <Callout kind="error" testId="settings-error" text={problem?.message} />
      </form>
    </div>
  );
}
