import { inject } from 'vitest';

/**
 * True when the run has its private Secret Service (Linux). Keychain tests use
 * `describe.skipIf(!hasPrivateKeychain())` and say in their name that they need it.
 */
export function hasPrivateKeychain(): boolean {
  return inject('secretServiceBusAddress') !== '';
}
