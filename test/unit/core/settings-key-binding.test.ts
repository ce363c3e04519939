/**
 * Settings a window may not change on its word alone: streaming with the stored key itself
 * is chosen together with the key (the key's save), never by a settings update.
 */
import { describe, expect, test } from 'vitest';
import { createMemoryLogger } from '../../../src/main/core/logger';
import { createSettingsService } from '../../../src/main/core/settings';
import { directNeedsKeySentence } from '../../../src/shared/settings';
import { EarshotError } from '../../../src/shared/user-facing-error';

function memoryBackend() {
  const values = new Map<string, unknown>();
  return {
    values,
    get: (key: string) => values.get(key),
    set: (key: string, value: unknown) => void values.set(key, value),
    delete: (key: string) => void values.delete(key),
  };
}

describe('streaming credential and endpoint', () => {
  test('a settings update cannot switch to streaming with the stored key', () => {
    const backend = memoryBackend();
    const service = createSettingsService({ backend, log: createMemoryLogger() });
    let refusal: unknown = null;
    try {
      service.update({ streamingCredential: 'direct', model: 'nova-2' });
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(EarshotError);
    expect((refusal as EarshotError).userFacing).toEqual({
      code: 'invalid-request',
      message: directNeedsKeySentence,
    });
    // Nothing of the refused patch was written.
    expect(service.current()).toMatchObject({ streamingCredential: 'auto', model: 'nova-3' });
    expect(backend.values.size).toBe(0);
  });

  test('the key’s save sets endpoint and direct; leaving direct needs no key; staying direct is allowed', () => {
    const service = createSettingsService({ backend: memoryBackend(), log: createMemoryLogger() });
    service.saveKeyWith({ endpoint: 'http://127.0.0.1:8787/', streamingCredential: 'direct' });
    expect(service.current()).toMatchObject({
      endpoint: 'http://127.0.0.1:8787',
      streamingCredential: 'direct',
    });
    expect(service.update({ streamingCredential: 'direct', model: 'nova-2' }).settings.model).toBe('nova-2');
    expect(service.update({ streamingCredential: 'auto' }).settings.streamingCredential).toBe('auto');
    expect(() => service.update({ streamingCredential: 'direct' })).toThrow(EarshotError);
  });
});
