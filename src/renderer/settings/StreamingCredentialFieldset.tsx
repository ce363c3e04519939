/** How live connections authenticate, and a warning when the saved key cannot do what is chosen. */
import type { ReactNode } from 'react';
import type { KeyStatus } from '../../shared/key-status';
import { streamingCredentials, type StreamingCredential } from '../../shared/settings';
import { settingTitle } from '../../shared/settings-labels';
import type { FormSectionProps } from './form-fields';

const credentialChoices: Record<StreamingCredential, { title: string; explanation: string }> = {
  auto: {
    title: 'Automatic (recommended)',
    explanation:
      'For every connection Earshot mints a token that expires within a minute, so the saved key never travels with your audio.',
  },
  'ephemeral-key': {
    title: 'Temporary key',
    explanation:
      'For every session Earshot creates a key that can only transcribe and deletes it when you stop. Needs a key that can create keys.',
  },
  direct: {
    title: 'Saved key',
    explanation:
      'The live connection uses the saved key itself. Simplest, for self-hosted endpoints that do not issue tokens. Chosen together with the key: select it, then paste the key above and save it.',
  },
};

export function StreamingCredentialFieldset(
  props: Pick<FormSectionProps, 'form' | 'set'> & { keyStatus: KeyStatus | null },
): ReactNode {
  const { form, set, keyStatus } = props;
  const capabilities = keyStatus?.stored === true ? keyStatus.capabilities : null;
  const cannotMint = form.streamingCredential === 'auto' && capabilities?.canMintTokens === false;
  const cannotCreateKeys =
    form.streamingCredential === 'ephemeral-key' && capabilities?.canCreateKeys === false;

  return (
    <fieldset className="settings-section credential-choice">
      <legend>{settingTitle('streamingCredential')}</legend>
      {streamingCredentials.map((value) => (
        <label key={value} className="choice">
          <input
            type="radio"
            name="streaming-credential"
            value={value}
            data-testid={`credential-${value}`}
            checked={form.streamingCredential === value}
            onChange={() => set('streamingCredential', value)}
          />
          <span>
            <strong>{credentialChoices[value].title}</strong>
            <span className="help">{credentialChoices[value].explanation}</span>
          </span>
        </label>
      ))}
      {cannotMint && (
        <p className="callout warning" data-testid="credential-fallback">
          This key cannot mint short-lived tokens, so live connections will fall back to the saved key. Use a
          key with the Member role or higher to avoid that.
        </p>
      )}
      {cannotCreateKeys && (
        <p className="callout warning" data-testid="credential-cannot-create">
          This key cannot create keys, so sessions with a temporary key will fail. Choose Automatic, or use a
          key that can create keys.
        </p>
      )}
    </fieldset>
  );
}
