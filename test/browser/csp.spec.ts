/**
 * The production Content-Security-Policy, proven in the real page: Earshot's built renderer,
 * served by the harness through main's own app:// handler with the header main sends
 * (src/main/content-security-policy.ts), refuses what a compromised renderer would try
 * (inline script, eval, talking to the network, loading remote script or images), and each
 * refusal is reported by the header policy itself. The same probes in a page without a policy
 * succeed or reach their servers, so what stops them is the policy. WebRTC, which no CSP
 * directive governs, is removed by the page's first script (src/renderer/page-lockdown.ts):
 * a page with the policy but without that script still reaches a TURN server. And the app,
 * under that policy, works without a single violation.
 */
import type { Browser, Page } from '@playwright/test';
import { contentSecurityPolicy } from '../../src/main/content-security-policy';
import { indicatorPagePath } from '../../src/shared/indicator-contract';
import { overlayPagePath } from '../../src/shared/overlay-contract';
import { startBaitServer, type BaitServer } from './harness/bait-server';
import {
  dnsPrefetchControl,
  peerConnectionInterfaces,
  probeNetwork,
  probeScripts,
  probeWebRtc,
  recordViolations,
  violationsIn,
  turnOverTcp,
  webRtcGone,
  type RecordedViolation,
} from './harness/csp-probes';
import { expect, test } from './harness/earshot-test';
import { containsInOrder } from './harness/transcript-match';

const productionPolicy = contentSecurityPolicy({ devServerOrigin: null });

let bait: BaitServer;

test.beforeEach(async () => {
  bait = await startBaitServer({ contentSecurityPolicy: productionPolicy });
});
test.afterEach(async () => {
  await bait.close();
});

/** The window as the app loads it, with violations recorded from its first moment. */
async function reloadRecordingViolations(page: Page): Promise<void> {
  await page.addInitScript(recordViolations);
  await page.reload();
  await expect(page.getByTestId('settings-link')).toBeVisible();
}

/** A page in the same Chromium that has no policy: the control for every probe. */
async function openControlPage(browser: Browser): Promise<Page> {
  const page = await browser.newPage();
  await page.goto(`${bait.origin}/control.html`);
  return page;
}

/** A policy as directive name → value, in whatever order it was written. */
function directivesOf(policy: string): Record<string, string> {
  return Object.fromEntries(
    policy
      .split(';')
      .map((directive) => directive.trim().split(/\s+/))
      .filter(([name]) => name)
      .map(([name, ...values]) => [name!, values.join(' ')]),
  );
}

function reportedByHeaderPolicy(
  violations: RecordedViolation[],
  directive: string,
  blocked: (uri: string) => boolean,
): boolean {
  return violations.some(
    (violation) =>
      violation.originalPolicy === productionPolicy &&
      violation.disposition === 'enforce' &&
      violation.effectiveDirective === directive &&
      blocked(violation.blockedURI),
  );
}

test('inline script, inline handlers, eval, new Function and remote script do not run', async ({
  earshot,
}) => {
  await reloadRecordingViolations(earshot.page);
  const remoteScript = `${bait.origin}/remote.js`;

  const inApp = await probeScripts(earshot.page, remoteScript);
  expect(inApp).toEqual({
    inlineScriptRan: false,
    inlineHandlerRan: false,
    eval: 'EvalError',
    newFunction: 'EvalError',
    remoteScript: { event: 'error', ran: false },
  });
  expect(bait.requests).toEqual([]);
  await expect
    .poll(async () => {
      const seen = await violationsIn(earshot.page);
      return {
        inlineScript: reportedByHeaderPolicy(seen, 'script-src-elem', (uri) => uri === 'inline'),
        inlineHandler: reportedByHeaderPolicy(seen, 'script-src-attr', (uri) => uri === 'inline'),
        eval: reportedByHeaderPolicy(seen, 'script-src', (uri) => uri === 'eval'),
        remoteScript: reportedByHeaderPolicy(seen, 'script-src-elem', (uri) => uri === remoteScript),
      };
    })
    .toEqual({ inlineScript: true, inlineHandler: true, eval: true, remoteScript: true });

  const control = await openControlPage(earshot.browser);
  expect(await probeScripts(control, remoteScript)).toEqual({
    inlineScriptRan: true,
    inlineHandlerRan: true,
    eval: '42',
    newFunction: '42',
    remoteScript: { event: 'load', ran: true },
  });
  expect(bait.requests.map((request) => request.path)).toContain('/remote.js');
  await control.close();
});

test('fetch, WebSocket and a remote image reach nothing, not even the app’s own origin', async ({
  earshot,
  emulator,
}) => {
  await reloadRecordingViolations(earshot.page);
  const emulatorSocket = emulator.url.replace(/^http/, 'ws');
  const unreachable = 'http://127.0.0.1:1';
  const ownOrigin = earshot.server.origin;
  const targets = {
    fetch: [`${emulator.url}/v1/projects`, `${bait.origin}/data.json`, `${unreachable}/`, `${ownOrigin}/`],
    webSocket: [
      `${emulatorSocket}/v1/listen?encoding=linear16&sample_rate=16000`,
      `${bait.socketOrigin}/`,
      'ws://127.0.0.1:1/',
    ],
    image: [`${bait.origin}/pixel.png`],
  };
  const emulatorRequestsBefore = emulator.recorder.restRequests.length;
  const emulatorSocketsBefore = emulator.recorder.connections.length;

  const inApp = await probeNetwork(earshot.page, targets);
  for (const url of targets.fetch) expect(inApp.fetch[url], url).toBe('TypeError');
  for (const url of targets.webSocket) expect(inApp.webSocket[url], url).toMatch(/^(error|threw \w+)$/);
  for (const url of targets.image) expect(inApp.image[url], url).toBe('error');
  // Nothing left the page: neither server saw a request.
  expect(bait.requests).toEqual([]);
  expect(emulator.recorder.restRequests.length).toBe(emulatorRequestsBefore);
  expect(emulator.recorder.connections.length).toBe(emulatorSocketsBefore);
  await expect
    .poll(async () => {
      const seen = await violationsIn(earshot.page);
      const refused = (directive: string, url: string) =>
        reportedByHeaderPolicy(seen, directive, (uri) => uri === url);
      return {
        fetch: targets.fetch.filter((url) => !refused('connect-src', url)),
        webSocket: targets.webSocket.filter((url) => !refused('connect-src', url)),
        image: targets.image.filter((url) => !refused('img-src', url)),
      };
    })
    .toEqual({ fetch: [], webSocket: [], image: [] });

  // Without the policy, the same requests arrive.
  const control = await openControlPage(earshot.browser);
  const fromControl = await probeNetwork(control, {
    fetch: [targets.fetch[0]!, targets.fetch[1]!],
    webSocket: [targets.webSocket[0]!, targets.webSocket[1]!],
    image: targets.image,
  });
  expect(fromControl.fetch[targets.fetch[1]!]).toBe('status 200');
  expect(fromControl.image[targets.image[0]!]).toBe('load');
  expect(bait.requests.filter((request) => request.upgrade).length).toBe(1);
  expect(bait.requests.map((request) => request.path)).toEqual(
    expect.arrayContaining(['/data.json', '/pixel.png']),
  );
  expect(emulator.recorder.restRequests.length).toBeGreaterThan(emulatorRequestsBefore);
  expect(emulator.recorder.connections.length).toBeGreaterThan(emulatorSocketsBefore);
  await control.close();
});

test('the app works under the policy without a single violation', async ({
  earshot,
  emulator,
  speech,
  ui,
}) => {
  await reloadRecordingViolations(earshot.page);
  await ui.setUpKey(emulator.demoKey, emulator.projectName);
  await ui.goToLiveView();
  emulator.queueUtterances(speech.utterances);
  await ui.startButton.click();
  await expect
    .poll(async () => containsInOrder(await ui.finalTranscript(), speech.utterances[0]!), {
      timeout: 20_000,
    })
    .toBe(true);
  await ui.stopButton.click();
  await expect(ui.startButton).toBeVisible({ timeout: 10_000 });
  await ui.settingsLink.click();
  await expect(ui.keyProject).toContainText(emulator.projectName);

  expect(await violationsIn(earshot.page)).toEqual([]);
  expect(earshot.console.filter((line) => /Content[- ]Security[- ]Policy/i.test(line))).toEqual([]);
});

test('every served page carries the header policy in its meta tag, DNS prefetch off, and the lockdown first', async ({
  earshot,
}) => {
  // Each window's page file holds only its title and entry module; the built pages get the
  // rest from src/renderer/vite-page-shell.ts, so each is checked as served.
  const pages = [
    { path: '/index.html', lockdown: './page-lockdown.js' },
    { path: overlayPagePath, lockdown: '../page-lockdown.js' },
    { path: indicatorPagePath, lockdown: '../page-lockdown.js' },
  ];
  const { 'frame-ancestors': frameAncestors, ...headerWithoutFrameAncestors } =
    directivesOf(productionPolicy);
  expect(frameAncestors).toBe("'none'");
  for (const page of pages) {
    const response = await fetch(`${earshot.server.origin}${page.path}`);
    const html = await response.text();
    expect(response.status, page.path).toBe(200);
    expect(response.headers.get('content-security-policy'), page.path).toBe(productionPolicy);

    // The meta policy is the header policy, minus frame-ancestors (which a meta tag cannot carry).
    const metaPolicies = [
      ...html.matchAll(/<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"/gi),
    ];
    expect(metaPolicies, page.path).toHaveLength(1);
    expect(directivesOf(metaPolicies[0]?.[1] ?? ''), page.path).toEqual(headerWithoutFrameAncestors);

    expect(html, page.path).toMatch(/<meta\s+http-equiv="x-dns-prefetch-control"\s+content="off"\s*\/?>/i);
    expect(html, page.path).toMatch(/<html lang="en">/);
    expect(html, page.path).toContain('<div id="root"></div>');

    // The first script of the document is the lockdown, classic (so it runs as it is parsed).
    const scripts = [...html.matchAll(/<script\b([^>]*)>/gi)].map((match) =>
      match[1]!.trim().replace(/\s+/g, ' '),
    );
    expect(scripts[0], page.path).toBe(`src="${page.lockdown}"`);
    expect(scripts.length, page.path).toBeGreaterThan(1);
    expect(
      scripts.slice(1).every((attributes) => attributes.includes('type="module"')),
      page.path,
    ).toBe(true);
  }
  expect(await dnsPrefetchControl(earshot.page)).toBe('off');
  const lockdown = await fetch(`${earshot.server.origin}/page-lockdown.js`);
  expect(lockdown.status).toBe(200);
  expect(lockdown.headers.get('content-type')).toMatch(/^text\/javascript/);
});

test('WebRTC is gone from the window, from a fresh frame too, and a data channel reaches nothing', async ({
  earshot,
}) => {
  const turn = turnOverTcp(bait.origin);
  const connectionsBefore = bait.connections();
  expect(await probeWebRtc(earshot.page, turn)).toEqual(webRtcGone);
  expect(bait.connections()).toBe(connectionsBefore);
  expect(bait.requests).toEqual([]);
  // The page still works after the probe.
  await expect(earshot.page.getByTestId('settings-link')).toBeVisible();

  // Earshot's policy alone, without the page's lockdown, lets all of it through.
  const policyOnly = await earshot.browser.newPage();
  await policyOnly.goto(`${bait.origin}/csp-only.html`);
  const connectionsBeforeTurn = bait.connections();
  const freshFrame = { framesAfterInsert: 1, viaIndex: 'function', viaContentWindow: 'function' };
  expect(await probeWebRtc(policyOnly, turn)).toEqual({
    interfaces: Object.fromEntries(peerConnectionInterfaces.map((name) => [name, 'function'])),
    remaining: expect.arrayContaining([...peerConnectionInterfaces]),
    blankFrame: freshFrame,
    markupFrame: freshFrame,
    // A frame in a shadow tree is not among window's frames, but its element leads to its realm.
    shadowFrame: { framesAfterInsert: 0, viaIndex: 'no frame', viaContentWindow: 'function' },
    tamperedFrame: freshFrame,
    dataChannel: 'created',
  });
  await expect.poll(() => bait.connections()).toBeGreaterThan(connectionsBeforeTurn);
  await policyOnly.close();
});
