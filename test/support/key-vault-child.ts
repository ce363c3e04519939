/**
 * Runs key-vault operations in a process of its own, against whatever D-Bus session bus its
 * environment names. libsecret keeps one connection per process, so a test that needs a
 * keychain other than the run's private one (none at all, or a locked one) runs the vault
 * here. Input: one JSON argument (KeyVaultChildPlan). Output: one JSON line of results.
 */
import {
  createJsonFileKeyMetadataStore,
  createKeyChecker,
  createKeyVault,
  loadKeytarSecretStore,
} from '../../src/main/core/key-vault';
import { createMemoryLogger, createSecretRegistry } from '../../src/main/core/logger';
import type { KeyPersistence } from '../../src/shared/key-status';
import { EarshotError } from '../../src/shared/user-facing-error';

export type KeyVaultChildStep =
  | { op: 'status' }
  | { op: 'save'; key: string; persistence: KeyPersistence }
  | { op: 'remove' }
  | { op: 'test' }
  | { op: 'readKey' };

export interface KeyVaultChildPlan {
  endpoint: string;
  metadataPath: string;
  keychainEntry: { service: string; account: string };
  steps: KeyVaultChildStep[];
}

/** readKey answers with the key's length and whether it equals the last saved key, never the key. */
export type KeyVaultChildOutcome =
  { op: string; ok: true; value: unknown } | { op: string; ok: false; code: string; message: string };

async function main(): Promise<void> {
  const plan = JSON.parse(process.argv[2] ?? '') as KeyVaultChildPlan;
  const secrets = createSecretRegistry();
  const log = createMemoryLogger(secrets);
  const vault = createKeyVault({
    loadSecretStore: loadKeytarSecretStore,
    metadata: createJsonFileKeyMetadataStore(plan.metadataPath),
    checkKey: createKeyChecker({ log }),
    secrets,
    log,
    keychainEntry: plan.keychainEntry,
  });
  const outcomes: KeyVaultChildOutcome[] = [];
  let lastSaved: string | null = null;
  for (const step of plan.steps) {
    try {
      let value: unknown;
      if (step.op === 'status') value = await vault.status();
      else if (step.op === 'save') {
        value = await vault.save(step.key, step.persistence, plan.endpoint);
        lastSaved = step.key;
      } else if (step.op === 'remove') value = await vault.remove();
      else if (step.op === 'test') value = await vault.test(plan.endpoint);
      else {
        const key = await vault.readKeyFor(plan.endpoint);
        value = { length: key.length, matchesLastSaved: key === lastSaved };
      }
      outcomes.push({ op: step.op, ok: true, value });
    } catch (error) {
      if (!(error instanceof EarshotError)) throw error;
      outcomes.push({ op: step.op, ok: false, code: error.userFacing.code, message: error.message });
    }
  }
  process.stdout.write(`${JSON.stringify({ outcomes, logLines: log.lines })}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
