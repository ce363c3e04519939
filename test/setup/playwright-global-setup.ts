/**
 * Playwright globalSetup: generates the speech fixture and starts a private Secret Service
 * (the same one vitest uses, test/support/private-dbus.ts) for the whole run. Workers are
 * started after this and inherit DBUS_SESSION_BUS_ADDRESS, so keytar in the test process
 * never reaches a developer's real keychain. Builds nothing.
 */
import { makeSpeechFixture } from '../fixtures/make-speech';
import { startPrivateSecretService } from '../support/private-dbus';
import { browserSuitePlatformOk } from '../browser/harness/platform';

export default async function globalSetup(): Promise<() => Promise<void>> {
  // Elsewhere the browser suites skip themselves (harness/platform.ts) and need neither.
  if (!browserSuitePlatformOk) return async () => {};
  makeSpeechFixture();
  const secretService = await startPrivateSecretService('earshot-e2e-keyring-');
  process.env.DBUS_SESSION_BUS_ADDRESS = secretService.address;
  return async () => {
    await secretService.close();
  };
}
