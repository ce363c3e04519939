/**
 * Issue 8 §4 for Earshot's other windows: the caption overlay's and the dictation indicator's
 * built pages, served through main's own app:// handler with production's headers (the harness's
 * renderer server), lose WebRTC before
 * any of their scripts runs (the page lockdown every page gets, src/renderer/vite-page-shell.ts),
 * so a data channel through a TURN bait reaches nothing, and DNS prefetch is off in the live
 * document. csp.spec.ts proves the same for the main window, and that a page with the policy
 * alone does reach the bait.
 */
import { indicatorPagePath } from '../../src/shared/indicator-contract';
import { overlayPagePath } from '../../src/shared/overlay-contract';
import { startBaitServer, type BaitServer } from './harness/bait-server';
import { dnsPrefetchControl, probeWebRtc, turnOverTcp, webRtcGone } from './harness/csp-probes';
import { expect, test } from './harness/earshot-test';

let bait: BaitServer;

test.beforeEach(async () => {
  bait = await startBaitServer({});
});
test.afterEach(async () => {
  await bait.close();
});

for (const [window, path] of [
  ['caption overlay', overlayPagePath],
  ['dictation indicator', indicatorPagePath],
] as const) {
  test(`the ${window}'s page has no WebRTC, even from a fresh frame, and DNS prefetch off`, async ({
    earshot,
  }) => {
    const page = await earshot.page.context().newPage();
    await page.goto(`${earshot.server.origin}${path}`);
    const connectionsBefore = bait.connections();
    expect(await probeWebRtc(page, turnOverTcp(bait.origin))).toEqual(webRtcGone);
    expect(await dnsPrefetchControl(page)).toBe('off');
    // Give a TURN attempt the time it would take to connect.
    await page.waitForTimeout(500);
    expect(bait.connections()).toBe(connectionsBefore);
    expect(bait.requests).toEqual([]);
    await page.close();
  });
}
