/**
 * The product's promise, proven in the window: after the key is saved, no part of it is
 * anywhere the renderer can see. Every message that crossed the bridge (both directions),
 * the DOM and form fields, Web Storage, IndexedDB, the console and a V8 heap snapshot of the
 * renderer are searched for the key raw, base64 and hex. The one message allowed to carry it
 * is the save request itself, renderer → main. Main's log is checked for redaction too.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startDeepgramEmulator } from '../../emulator/index';
import { bridgeGlobalName, eventContract, invokeContract, sendContract } from '../../src/shared/ipc-contract';
import { credentialsIn, startRecordingProxy } from '../support/recording-proxy';
import { expect, test } from './harness/earshot-test';
import { gatherRendererEvidence, keyForms, keyFormsIn } from './harness/renderer-evidence';

/**
 * The bytes of main's log files, read from disk: the proof must not lean on the redactor it
 * checks. Waits until the file holds the last line main logged (the stream writes async).
 */
async function logFileBytes(directory: string, lastLine: string): Promise<string> {
  let text = '';
  await expect
    .poll(async () => {
      const names = await readdir(directory);
      const files = await Promise.all(names.map((name) => readFile(join(directory, name))));
      text = Buffer.concat(files).toString('latin1');
      return text.includes(lastLine);
    })
    .toBe(true);
  return text;
}

test('after saving, the key is nowhere in the renderer, and only the save request carried it', async ({
  earshot,
  emulator,
  speech,
  ui,
}) => {
  test.setTimeout(90_000);
  const key = emulator.demoKey;
  await ui.setUpKey(key, emulator.projectName);

  // Use the app after saving: re-test the key, run a short session, come back.
  await earshot.page.getByTestId('test-key').click();
  await expect(ui.keyProject).toContainText(emulator.projectName);
  await ui.goToLiveView();
  emulator.queueUtterances(speech.utterances);
  await ui.startButton.click();
  await expect.poll(async () => (await ui.finalTranscript()).length, { timeout: 20_000 }).toBeGreaterThan(0);
  await ui.stopButton.click();
  await expect(ui.startButton).toBeVisible({ timeout: 10_000 });

  const evidence = await gatherRendererEvidence(earshot.page);
  await earshot.window.flush();

  const carriers = earshot.window.records.filter((record) => keyFormsIn(record.text, key).length > 0);
  expect(carriers.map(({ direction, kind, channel }) => ({ direction, kind, channel }))).toEqual([
    { direction: 'renderer-to-main', kind: 'invoke', channel: invokeContract.saveKey.channel },
  ]);
  expect(earshot.window.records.length).toBeGreaterThan(10);

  const places: Record<string, string> = {
    'DOM and form fields': evidence.dom,
    localStorage: evidence.localStorage,
    sessionStorage: evidence.sessionStorage,
    IndexedDB: evidence.indexedDb,
    'renderer console': earshot.console.join('\n'),
    'renderer heap snapshot': evidence.heapSnapshot,
    'main log': earshot.main.logLines.join('\n'),
  };
  const mainLog = earshot.main.logLines;
  const logBytes = await logFileBytes(earshot.main.logDirectory, mainLog[mainLog.length - 1] ?? '');
  expect(logBytes.length).toBeGreaterThan(1_000);
  const escapedInJson = JSON.stringify(key).slice(1, -1);
  const logFileForms = [...Object.values(keyForms(key)), escapedInJson].filter((form) =>
    logBytes.includes(form),
  );
  expect(logFileForms).toEqual([]);
  const leaks = Object.entries(places)
    .map(([place, text]) => ({ place, forms: keyFormsIn(text, key) }))
    .filter(({ forms }) => forms.length > 0);
  expect(leaks).toEqual([]);
  // The searches looked at real material: the heap holds what the app keeps (the key's
  // project name in its status), the DOM the words it showed.
  expect(evidence.heapSnapshot.length).toBeGreaterThan(1_000_000);
  expect(evidence.heapSnapshot).toContain(emulator.projectName);
  expect(evidence.dom).toContain(speech.utterances[0]);
});

test('the window gets exactly the contract, frozen, and no Electron or Node API', async ({ earshot }) => {
  const surface = await earshot.page.evaluate((name) => {
    const scope = globalThis as Record<string, unknown>;
    const bridge = scope[name] as Record<string, unknown>;
    return {
      methods: Object.keys(bridge).sort(),
      allFunctions: Object.values(bridge).every((value) => typeof value === 'function'),
      frozen: Object.isFrozen(bridge),
      globals: ['require', 'process', 'Buffer', 'ipcRenderer', 'electron', 'module'].filter(
        (g) => g in scope,
      ),
    };
  }, bridgeGlobalName);
  const contractMethods = [
    ...Object.keys(invokeContract),
    ...Object.keys(sendContract),
    ...Object.keys(eventContract),
  ].sort();
  expect(surface).toEqual({ methods: contractMethods, allFunctions: true, frozen: true, globals: [] });
});

test('a taken-over window cannot point the key at another host; re-entering the key there works', async ({
  earshot,
  emulator,
  ui,
}) => {
  test.setTimeout(90_000);
  const otherDeepgram = await startDeepgramEmulator();
  const bait = await startRecordingProxy(otherDeepgram.url);
  try {
    const key = emulator.demoKey;
    await ui.setUpKey(key, emulator.projectName);
    // The person did not ask for any other endpoint, so main's native question is declined.
    earshot.main.answerEndpointQuestions(false);
    const questionsBefore = earshot.main.endpointQuestions.length;

    // The attacker has the page: only window.earshot, as any script in it would.
    const attack = await earshot.page.evaluate(
      async ({ name, baitUrl }) => {
        const bridge = (globalThis as unknown as Record<string, Record<string, (arg?: unknown) => unknown>>)[
          name
        ]!;
        const call = async (method: string, arg?: unknown) => (await bridge[method]!(arg)) as unknown;
        const moved = await call('updateSettings', { endpoint: baitUrl });
        const direct = await call('updateSettings', { streamingCredential: 'direct' });
        const test = await call('testKey');
        const start = await call('startSession');
        for (let frame = 0; frame < 10; frame += 1) bridge['sendAudio']!(new ArrayBuffer(640));
        const save = await call('saveKey', {
          persistence: 'keychain',
          endpoint: baitUrl,
          streamingCredential: 'direct',
        });
        const ownKey = await call('saveKey', {
          key: 'f'.repeat(40),
          persistence: 'keychain',
          endpoint: baitUrl,
          streamingCredential: 'direct',
        });
        const status = await call('getKeyStatus');
        return { moved, direct, test, start, save, ownKey, status };
      },
      { name: bridgeGlobalName, baitUrl: bait.url },
    );
    const host = (url: string) => new URL(url).host;
    const mismatch = `The key was saved for ${host(emulator.url)}. Save it again to use it with ${host(bait.url)}.`;
    expect(attack.moved).toMatchObject({ ok: true });
    expect(attack.direct).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    expect(attack.test).toEqual({ ok: false, error: { code: 'key-other-endpoint', message: mismatch } });
    expect(attack.start).toEqual({ ok: false, error: { code: 'key-other-endpoint', message: mismatch } });
    expect(attack.save).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    expect(attack.ownKey).toMatchObject({ ok: false, error: { code: 'endpoint-not-confirmed' } });
    expect(earshot.main.endpointQuestions.slice(questionsBefore)).toEqual([
      { host: new URL(bait.url).host, origin: bait.url },
    ]);
    expect(attack.status).toMatchObject({
      ok: true,
      value: { endpoint: emulator.url, projectName: emulator.projectName },
    });
    expect(bait.connections()).toBe(0);
    expect(credentialsIn(bait.received(), [key])).toEqual([]);

    // The person at the keyboard sees why, and re-enters a key for the new host.
    await earshot.page.reload();
    await ui.settingsLink.click();
    await expect(earshot.page.getByTestId('key-endpoint-mismatch')).toContainText(
      `The key was saved for ${host(emulator.url)}. Save it again to use it with ${host(bait.url)}`,
    );
    earshot.main.answerEndpointQuestions(true);
    await ui.keyInput.fill(otherDeepgram.demoKey);
    await ui.saveKeyButton.click();
    await expect(ui.keyProject).toContainText(otherDeepgram.projectId);
    await expect(earshot.page.getByTestId('key-endpoint')).toHaveText(host(bait.url));
    await expect(earshot.page.getByTestId('key-endpoint-mismatch')).toHaveCount(0);
    await ui.goToLiveView();
    await ui.startButton.click();
    await expect(ui.stopButton).toBeVisible({ timeout: 15_000 });
    await ui.stopButton.click();
    await expect(ui.startButton).toBeVisible({ timeout: 10_000 });
    expect(otherDeepgram.recorder.connections.length).toBeGreaterThan(0);
    // The first host's key never went there.
    expect(keyFormsIn(bait.received(), key)).toEqual([]);
  } finally {
    await bait.close();
    await otherDeepgram.close();
  }
});
