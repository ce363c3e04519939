/**
 * vitest globalSetup: a private Secret Service (gnome-keyring on its own D-Bus session bus,
 * throwaway HOME) for the whole test run. DBUS_SESSION_BUS_ADDRESS is overridden
 * unconditionally, so no test can reach a developer's real keychain.
 */
import { spawnSync } from 'node:child_process';
import type { TestProject } from 'vitest/node';
import { startPrivateSecretService } from './private-dbus';

declare module 'vitest' {
  export interface ProvidedContext {
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

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
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
