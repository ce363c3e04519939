/** How live connections authenticate, and a warning when the saved key cannot do what is chosen. */
import type { ReactNode } from 'react';
import type { KeyStatus } from '../../shared/key-status';
import { RadioChoices } from './choice-fields';
import type { FormSectionProps } from './form-fields';
import { Callout } from '../ui/Callout';

export function StreamingCredentialFieldset(
  props: Pick<FormSectionProps, 'form' | 'set'> & { keyStatus: KeyStatus | null },
): ReactNode {
  const { form, set, keyStatus } = props;
  const capabilities = keyStatus?.stored === true ? keyStatus.capabilities : null;
  const cannotMint = form.streamingCredential === 'auto' && capabilities?.canMintTokens === false;
  const cannotCreateKeys =
    form.streamingCredential === 'ephemeral-key' && capabilities?.canCreateKeys === false;

  return (
    <RadioChoices
      form={form}
      set={set}
      setting="streamingCredential"
      className="settings-section credential-choice"
    >
      {cannotMint && (
        <Callout kind="warning" testId="credential-fallback">
          This key cannot mint short-lived tokens, so live connections will fall back to the saved key. Use a
          key with the Member role or higher to avoid that.
        </Callout>
      )}
      {cannotCreateKeys && (
        <Callout kind="warning" testId="credential-cannot-create">
          This key cannot create keys, so sessions with a temporary key will fail. Choose Automatic, or use a
          key that can create keys.
        </Callout>
      )}
    </RadioChoices>
  );
}
