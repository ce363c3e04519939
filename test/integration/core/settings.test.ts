/**
 * The settings service over conf (the store electron-store is built on) with real files.
 */
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Conf from 'conf';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { createMemoryLogger } from '../../../src/main/core/logger';
import { createSettingsService, openSettingsFile } from '../../../src/main/core/settings';
import { defaultSettings, keytermLimits, type Settings } from '../../../src/shared/settings';
import { thrown } from '../../support/refusal';

let directory: string;

beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), 'earshot-settings-'));
});
afterEach(async () => {
  await rm(directory, { recursive: true, force: true });
});

const settingsPath = () => join(directory, 'settings.json');

function open(now = new Date('2026-11-27T12:34:56.789Z')) {
  const log = createMemoryLogger();
  const opened = openSettingsFile(Conf, { cwd: directory, configName: 'settings' }, { log, now: () => now });
  const service = createSettingsService({ backend: opened.store, log, startupNotice: opened.notice });
  return { service, opened, log };
}

async function fileContent(): Promise<Record<string, unknown>> {
  return JSON.parse(await readFile(settingsPath(), 'utf8')) as Record<string, unknown>;
}

function refusedReason(update: () => unknown): string {
  const error = thrown(update);
  expect(error.userFacing.code).toBe('invalid-request');
  return error.message;
}

describe('settings service', () => {
  test('starts with the defaults and no notice when there is no file', () => {
    const { service } = open();
    expect(service.get()).toEqual({ settings: defaultSettings, notice: null });
  });

  test('saves a valid change to the file, tells listeners, and reads it back after a restart', async () => {
    const { service } = open();
    const seen: Settings[] = [];
    const unsubscribe = service.onChange((settings) => seen.push(settings));
    const result = service.update({
      model: 'nova-3-medical',
      keyterms: ['Earshot', 'Deepgram'],
      diarize: true,
    });
    expect(result.settings).toMatchObject({
      model: 'nova-3-medical',
      keyterms: ['Earshot', 'Deepgram'],
      diarize: true,
    });
    expect(seen).toHaveLength(1);
    expect(await fileContent()).toMatchObject({ model: 'nova-3-medical', diarize: true });
    unsubscribe();
    service.update({ diarize: false });
    expect(seen).toHaveLength(1);
    expect(open().service.current()).toMatchObject({ model: 'nova-3-medical', diarize: false });
  });

  test('endpoint: https and wss anywhere, plain http and ws only on this machine', () => {
    const { service } = open();
    expect(service.update({ endpoint: 'https://dg.example.com/' }).settings.endpoint).toBe(
      'https://dg.example.com',
    );
    expect(service.update({ endpoint: 'wss://dg.example.com' }).settings.endpoint).toBe(
      'https://dg.example.com',
    );
    for (const local of ['http://localhost:8080', 'http://127.0.0.1:9000', 'ws://[::1]:9000']) {
      expect(service.update({ endpoint: local }).settings.endpoint).toMatch(/^http:\/\//);
    }
    const before = service.current();
    expect(refusedReason(() => service.update({ endpoint: 'http://dg.example.com' }))).toBe(
      'Endpoint URL must use https:// or wss://; plain http:// is allowed only for localhost.',
    );
    expect(refusedReason(() => service.update({ endpoint: 'ws://10.0.0.5:8080' }))).toMatch(
      /only for localhost/,
    );
    expect(refusedReason(() => service.update({ endpoint: 'ftp://dg.example.com' }))).toMatch(/https:\/\//);
    expect(refusedReason(() => service.update({ endpoint: 'https://user:pw@dg.example.com' }))).toMatch(
      /user name or password/,
    );
    expect(refusedReason(() => service.update({ endpoint: 'not a url' }))).toMatch(/must be a URL/);
    expect(service.current()).toEqual(before);
  });

  test('keyterms: Deepgram limits on count, length and total words, and Nova-3 only', () => {
    const { service } = open();
    const tooMany = Array.from({ length: keytermLimits.maxTerms + 1 }, (_, index) => `term${index}`);
    expect(refusedReason(() => service.update({ keyterms: tooMany }))).toMatch(/at most 100 items/);
    expect(refusedReason(() => service.update({ keyterms: ['x'.repeat(101)] }))).toMatch(
      /at most 100 characters/,
    );
    const wordy = Array.from({ length: 100 }, () => 'one two three four five six');
    expect(refusedReason(() => service.update({ keyterms: wordy }))).toMatch(/at most 500 words/);
    expect(refusedReason(() => service.update({ keyterms: ['bad\u0007term'] }))).toMatch(/printable/);
    expect(refusedReason(() => service.update({ model: 'nova-2', keyterms: ['Earshot'] }))).toMatch(/Nova-3/);
    expect(
      service.update({ keyterms: Array.from({ length: 100 }, (_, index) => `term ${index}`) }).settings
        .keyterms,
    ).toHaveLength(100);
  });

  test('utterance end needs interim results', () => {
    const { service } = open();
    expect(refusedReason(() => service.update({ interimResults: false }))).toMatch(
      /Utterance end needs interim results/,
    );
    expect(service.update({ interimResults: false, utteranceEndMs: null }).settings).toMatchObject({
      interimResults: false,
      utteranceEndMs: null,
    });
    expect(refusedReason(() => service.update({ utteranceEndMs: 1500 }))).toMatch(/interim results/);
    expect(refusedReason(() => service.update({ interimResults: true, utteranceEndMs: 500 }))).toBe(
      'Utterance end must be at least 1000.',
    );
  });

  test('unknown fields and wrong types are refused without echoing the value or the unknown name', () => {
    const { service } = open();
    // Refused on the settings as a whole: the unknown field's name was the sender's choice.
    expect(refusedReason(() => service.update({ apiKey: 'sk-secret-value' }))).toBe(
      'The settings must be an object with no fields other than the ones Earshot defines.',
    );
    const reason = refusedReason(() => service.update({ model: 'secret value with spaces' }));
    expect(reason).toBe('Model must be a model name such as nova-3.');
    expect(refusedReason(() => service.update(null))).toMatch(/must be an object/);
  });
});

describe('damaged settings', () => {
  test('a file that is not JSON is moved aside, defaults are used, and the key is untouched', async () => {
    const damaged = '{"model": "nova-3", "endpoint": ';
    await writeFile(settingsPath(), damaged);
    const keyMetadata = join(directory, 'key-metadata.json');
    await writeFile(keyMetadata, '{"salt":"00112233445566778899aabbccddeeff"}');

    const { service, opened } = open();
    expect(opened.corruptCopyPath).toBe(join(directory, 'settings.corrupt-2026-11-27T12-34-56-789Z.json'));
    expect(await readFile(opened.corruptCopyPath ?? '', 'utf8')).toBe(damaged);
    const { settings, notice } = service.get();
    expect(settings).toEqual(defaultSettings);
    expect(notice).toBe(
      'Your settings file was damaged, so Earshot started with default settings and kept the damaged file as settings.corrupt-2026-11-27T12-34-56-789Z.json. Your API key was not affected.',
    );
    expect(await readFile(keyMetadata, 'utf8')).toBe('{"salt":"00112233445566778899aabbccddeeff"}');
    // The fresh file works, and the notice goes once the user saves settings.
    expect(service.update({ diarize: true }).notice).toBeNull();
    expect(await fileContent()).toMatchObject({ diarize: true });
    expect(service.get().notice).toBeNull();
    expect((await readdir(directory)).sort()).toEqual([
      'key-metadata.json',
      'settings.corrupt-2026-11-27T12-34-56-789Z.json',
      'settings.json',
    ]);
  });

  test.each([
    ['an empty file (a write cut short)', ''],
    ['a JSON list', '["nova-3"]'],
    ['a JSON number', '42'],
    ['JSON null', 'null'],
  ])('%s is treated as damaged too', async (_, content) => {
    await writeFile(settingsPath(), content);
    const { service, opened } = open();
    expect(opened.notice).toMatch(/damaged/);
    expect(await readFile(opened.corruptCopyPath ?? '', 'utf8')).toBe(content);
    expect(service.current()).toEqual(defaultSettings);
    service.update({ diarize: true });
    expect(await fileContent()).toMatchObject({ diarize: true });
  });

  test('bad values fall back to their defaults, the rest is kept, and the notice names the fields', async () => {
    await writeFile(
      settingsPath(),
      JSON.stringify({
        endpoint: 'http://dg.example.com',
        model: 'nova-3',
        punctuate: false,
        keyterms: 'not a list',
        endpointing: 5,
        language: 'de',
      }),
    );
    const { service, opened, log } = open();
    expect(opened.notice).toBeNull();
    const { settings, notice } = service.get();
    expect(settings).toEqual({ ...defaultSettings, punctuate: false, language: 'de' });
    expect(notice).toBe(
      'Some saved settings could not be used (endpoint URL, endpointing and keyterms), so Earshot reset them to their defaults. Your API key was not affected.',
    );
    // The file is repaired, so the notice does not come back at the next start.
    expect(await fileContent()).toMatchObject({
      endpoint: defaultSettings.endpoint,
      keyterms: [],
      endpointing: 300,
    });
    expect(open().service.get().notice).toBeNull();
    expect(log.lines.join('\n')).not.toContain('dg.example.com');
  });

  test('settings that do not fit together are reset with a notice', async () => {
    await writeFile(settingsPath(), JSON.stringify({ interimResults: false, utteranceEndMs: 2000 }));
    const { service } = open();
    expect(service.current()).toMatchObject({ interimResults: false, utteranceEndMs: null });
    expect(service.get().notice).toMatch(/\(utterance end\)/);
  });
});
