/**
 * vitest globalSetup: a private Secret Service (gnome-keyring on its own D-Bus session bus,
 * throwaway HOME) for the whole test run. DBUS_SESSION_BUS_ADDRESS is overridden
 * unconditionally, so no test can reach a developer's real keychain. On Linux a missing
 * daemon fails the run with the Debian packages to install. Elsewhere (macOS, Windows) no
 * private keychain can exist, so keychain tests skip themselves with that reason.
 */
import { spawnSync } from 'node:child_process';
import type { TestProject } from 'vitest/node';
import { startPrivateSecretService } from '../support/private-dbus';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The private bus with gnome-keyring on it; '' where none can be started (not Linux). */
    secretServiceBusAddress: string;
  }
}

/** set / get / delete through keytar itself, in a child so this process keeps no D-Bus connection. */
function verifyRoundTrip(address: string): void {
  const script = `
const keytar = require('keytar');
(async () => {
  const service = 'Earshot test setup', account = 'round-trip', secret = 'round-trip-' + process.pid;
  await keytar.setPassword(service, account, secret);
  const read = await keytar.getPassword(service, account);
  const deleted = await keytar.deletePassword(service, account);
  const after = await keytar.getPassword(service, account);
  if (read !== secret || !deleted || after !== null) throw new Error('round trip gave ' + JSON.stringify({ read: read === secret, deleted, after }));
})().catch((error) => { console.error(error.message); process.exit(1); });
`;
  const result = spawnSync(process.execPath, ['-e', script], {
    env: { ...process.env, DBUS_SESSION_BUS_ADDRESS: address },
    encoding: 'utf8',
    timeout: 20_000,
  });
  if (result.status !== 0) {
    throw new Error(
      `The private Secret Service does not work with keytar: ${result.stderr.trim() || result.error?.message}. ` +
        'Check that libsecret-1-0 is installed and that keytar is built (npm rebuild keytar).',
    );
  }
}

/** Why keychain tests are skipped where no private Secret Service can exist, or null. */
export function privateKeychainUnsupportedReason(
  platform: NodeJS.Platform = process.platform,
): string | null {
  return platform === 'linux'
    ? null
    : `a private keychain for tests exists only on Linux (Secret Service over D-Bus); on ${platform} the tests would use the real OS keychain, which they never do`;
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const unsupported = privateKeychainUnsupportedReason();
  if (unsupported) {
    // Tests that need the keychain skip themselves, naming this reason.
    console.warn(`Keychain tests will be skipped: ${unsupported}.`);
    project.provide('secretServiceBusAddress', '');
    return async () => undefined;
  }
  const secretService = await startPrivateSecretService();
  try {
    verifyRoundTrip(secretService.address);
  } catch (error) {
    await secretService.close();
    throw error;
  }
  process.env.DBUS_SESSION_BUS_ADDRESS = secretService.address;
  project.provide('secretServiceBusAddress', secretService.address);
  return async () => {
    await secretService.close();
  };
}
