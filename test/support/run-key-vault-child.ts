import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { KeyVaultChildOutcome, KeyVaultChildPlan } from './key-vault-child';

const childScript = fileURLToPath(new URL('./key-vault-child.ts', import.meta.url));

/** Runs the plan in a fresh Node process whose keychain is the Secret Service on `busAddress`. */
export function runKeyVaultChild(
  busAddress: string,
  plan: KeyVaultChildPlan,
): Promise<{ outcomes: KeyVaultChildOutcome[]; logLines: string[] }> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', childScript, JSON.stringify(plan)],
      { env: { ...process.env, DBUS_SESSION_BUS_ADDRESS: busAddress }, timeout: 60_000 },
      (error, stdout, stderr) => {
        if (error) {
          reject(new Error(`key vault child failed: ${stderr || error.message}`));
          return;
        }
        resolve(JSON.parse(stdout.trim().split('\n').pop() ?? '') as ReturnType<typeof JSON.parse>);
      },
    );
  });
}
