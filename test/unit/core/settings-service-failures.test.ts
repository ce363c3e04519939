/**
 * The settings service over a backend in memory that fails when told to: the writes a full
 * disk refuses, and a listener that throws. The file-backed behaviour is in
 * test/integration/core/settings.test.ts.
 */
import { describe, expect, test } from 'vitest';
import { createMemoryLogger, createSecretRegistry } from '../../../src/main/core/logger';
import { createSettingsService, type SettingsBackend } from '../../../src/main/core/settings';
import { defaultSettings, type Settings } from '../../../src/shared/settings';
import { refusal, thrown } from '../../support/refusal';

function memoryBackend(initial: Record<string, unknown> = {}) {
  const values = new Map(Object.entries(initial));
  const state = { writesFail: false };
  const backend: SettingsBackend = {
    get: (name) => values.get(name),
    set: (name, value) => {
      if (state.writesFail)
        throw Object.assign(new Error('ENOSPC: no space left on device'), { name: 'SystemError' });
      values.set(name, value);
    },
    delete: (name) => {
      values.delete(name);
    },
  };
  return { backend, values, state };
}

function serviceOver(memory: ReturnType<typeof memoryBackend>) {
  const log = createMemoryLogger(createSecretRegistry());
  const service = createSettingsService({ backend: memory.backend, log });
  const entries = () => log.lines.map((line) => JSON.parse(line) as Record<string, unknown>);
  return { service, entries, log };
}

describe('settings when the file cannot be written', () => {
  test('a change that cannot be written is refused with a sentence, and the settings stay as they were', () => {
    const memory = memoryBackend();
    const { service, entries, log } = serviceOver(memory);
    const heard: Settings[] = [];
    service.onChange((settings) => heard.push(settings));
    memory.state.writesFail = true;

    const error = thrown(() => service.update({ model: 'nova-2' }));
    expect(error.userFacing).toEqual({
      code: 'internal',
      message: 'Earshot could not save your settings. Check that the disk has free space, then try again.',
    });
    expect(service.current().model).toBe(defaultSettings.model);
    expect(heard).toEqual([]);
    expect(entries().at(-1)).toMatchObject({
      level: 'error',
      message: 'could not write settings',
      errorName: 'SystemError',
    });
    // Only the error's name is logged, never its text.
    expect(log.lines.join('\n')).not.toContain('no space left');

    memory.state.writesFail = false;
    expect(service.update({ model: 'nova-2' }).settings.model).toBe('nova-2');
    expect(memory.values.get('model')).toBe('nova-2');
    expect(heard.map((settings) => settings.model)).toEqual(['nova-2']);
  });

  test('bad stored values are reset with a notice even when the defaults cannot be written back', () => {
    const memory = memoryBackend({ model: 42, interimResults: 'yes' });
    memory.state.writesFail = true;
    const { service, entries } = serviceOver(memory);
    const { settings, notice } = service.get();
    expect(settings.model).toBe(defaultSettings.model);
    expect(settings.interimResults).toBe(defaultSettings.interimResults);
    expect(notice).toMatch(
      /^Some saved settings could not be used \(.+\), so Earshot reset them to their defaults\./,
    );
    expect(entries().map((entry) => entry.message)).toEqual([
      'settings reset to defaults',
      'could not repair the settings file',
    ]);
    // The bad values are still in the file: the next start says so again.
    expect(memory.values.get('model')).toBe(42);
  });
});

describe('settings listeners', () => {
  test('a listener that throws is logged and does not stop the others or the change', () => {
    const memory = memoryBackend();
    const { service, entries } = serviceOver(memory);
    const heard: string[] = [];
    service.onChange(() => {
      throw new TypeError('listener bug');
    });
    const stop = service.onChange((settings) => heard.push(settings.language));
    const result = service.update({ language: 'de' });
    expect(result.settings.language).toBe('de');
    expect(heard).toEqual(['de']);
    expect(entries().filter((entry) => entry.message === 'settings listener failed')).toEqual([
      expect.objectContaining({ level: 'error', errorName: 'TypeError' }),
    ]);

    // An unsubscribed listener hears nothing more; a patch that changes nothing tells no one.
    stop();
    service.update({ language: 'fr' });
    service.update({ language: 'fr' });
    expect(heard).toEqual(['de']);
  });

  test('a refused patch changes nothing and writes nothing', async () => {
    const memory = memoryBackend();
    const { service } = serviceOver(memory);
    const error = await refusal(Promise.resolve().then(() => service.update({ model: '' })));
    expect(error.userFacing.code).toBe('invalid-request');
    expect(memory.values.size).toBe(0);
    const direct = await refusal(
      Promise.resolve().then(() => service.update({ streamingCredential: 'direct' })),
    );
    expect(direct.userFacing.code).toBe('invalid-request');
    expect(service.current().streamingCredential).toBe(defaultSettings.streamingCredential);
  });
});
