/**
 * The product's promise, proven in the window: after the key is saved, no part of it is
 * anywhere the renderer can see. Every message that crossed the bridge (both directions),
 * the DOM and form fields, Web Storage, IndexedDB, the console and a V8 heap snapshot of the
 * renderer are searched for the key raw, base64 and hex. The one message allowed to carry it
 * is the save request itself, renderer → main. Main's log is checked for redaction too.
 */
import { bridgeGlobalName, eventContract, invokeContract, sendContract } from '../../src/shared/ipc-contract';
import { expect, test } from './harness/earshot-test';
import { gatherRendererEvidence, keyFormsIn } from './harness/renderer-evidence';

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
