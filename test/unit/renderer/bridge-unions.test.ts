/**
 * A union that crosses the bridge is one array in src/shared: the contract's validator is built
 * from it, so what the renderer may send and what main accepts cannot drift apart.
 */
import { describe, expect, it } from 'vitest';
import { captureProblems } from '../../../src/shared/capture-problem';
import { invokeContract, sendContract } from '../../../src/shared/ipc-contract';
import { keyPersistences } from '../../../src/shared/key-status';
import { settingsPatch, streamingCredentials } from '../../../src/shared/settings';
import { ValidationError } from '../../../src/shared/validation';
import { thrown } from '../../support/refusal';

const saveKeyRequest = {
  key: 'k'.repeat(40),
  persistence: 'keychain',
  endpoint: 'https://api.deepgram.com',
  streamingCredential: 'auto',
};

describe('unions that cross the bridge', () => {
  it('capture problems: each one is accepted, anything else is refused with the full list', () => {
    const validate = sendContract.reportCaptureProblem.request;
    for (const problem of captureProblems) expect(validate({ problem }, 'payload')).toEqual({ problem });
    expect(thrown(() => validate({ problem: 'speaker-muted' }, 'payload'), ValidationError).expectation).toBe(
      `one of ${captureProblems.join(', ')}`,
    );
  });

  it('key persistence: each one is accepted, anything else is refused', () => {
    const validate = invokeContract.saveKey.request;
    for (const persistence of keyPersistences) {
      expect(validate({ ...saveKeyRequest, persistence }, 'payload').persistence).toBe(persistence);
    }
    expect(
      thrown(() => validate({ ...saveKeyRequest, persistence: 'clipboard' }, 'payload'), ValidationError)
        .path,
    ).toEqual(['payload', 'persistence']);
  });

  it('streaming credentials: the same list for saving a key and for settings', () => {
    for (const streamingCredential of streamingCredentials) {
      expect(
        invokeContract.saveKey.request({ ...saveKeyRequest, streamingCredential }, 'payload'),
      ).toMatchObject({
        streamingCredential,
      });
      expect(settingsPatch({ streamingCredential }, 'settings')).toEqual({ streamingCredential });
    }
    expect(
      thrown(() => settingsPatch({ streamingCredential: 'password' }, 'settings'), ValidationError)
        .expectation,
    ).toBe(`one of ${streamingCredentials.join(', ')}`);
  });
});
