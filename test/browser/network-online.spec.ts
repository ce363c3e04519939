/**
 * The window's 'online' event reaches main as the contract's network news, during a session
 * only; main takes it as "try now", and while connected that opens nothing
 * (test/integration/core/session-power-network.test.ts and test/integration/ipc/network-news.test.ts
 * prove what main does with it).
 */
import { expect, test } from './harness/earshot-test';

test("the window reports the network's return during a session, and a connected session is left alone", async ({
  earshot,
  emulator,
  ui,
}) => {
  const handlers = earshot.main.core.sendHandlers;
  const forward = handlers.reportNetworkOnline;
  let reports = 0;
  handlers.reportNetworkOnline = (payload) => {
    reports += 1;
    forward(payload);
  };
  await ui.setUpKey(emulator.demoKey, emulator.projectName);
  await ui.goToLiveView();
  const context = earshot.page.context();

  // No session: nothing to report.
  await context.setOffline(true);
  await context.setOffline(false);
  await earshot.page.waitForTimeout(300);
  expect(reports).toBe(0);

  await ui.startButton.click();
  await expect.poll(() => ui.phase(), { timeout: 15_000 }).toBe('live');
  const connectionsBefore = emulator.recorder.connections.length;
  await context.setOffline(true);
  await context.setOffline(false);
  await expect.poll(() => reports).toBe(1);
  await earshot.page.waitForTimeout(500);
  expect(emulator.recorder.connections).toHaveLength(connectionsBefore);
  expect(await ui.phase()).toBe('live');
  await ui.stopButton.click();
  await expect(ui.startButton).toBeVisible({ timeout: 15_000 });
});
