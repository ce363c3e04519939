import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** The forms a careless write could leave a secret in. */
export function secretForms(secret: string): string[] {
  const bytes = Buffer.from(secret, 'utf8');
  return [secret, bytes.toString('base64'), bytes.toString('base64url'), bytes.toString('hex')];
}

/** Every file under `roots` that holds `secret` in clear, base64 or hex. */
export async function filesContainingSecret(roots: readonly string[], secret: string): Promise<string[]> {
  const forms = secretForms(secret).map((form) => Buffer.from(form, 'utf8'));
  const hits: string[] = [];
  const visit = async (path: string): Promise<void> => {
    let entries;
    try {
      entries = await readdir(path, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const child = join(path, entry.name);
      if (entry.isDirectory()) await visit(child);
      else if (entry.isFile()) {
        const content = await readFile(child).catch(() => Buffer.alloc(0));
        if (forms.some((form) => content.includes(form))) hits.push(child);
      }
    }
  };
  for (const root of roots) await visit(root);
  return hits;
}

/** Files written under `roots`, to prove a search had something to search. */
export async function countFiles(roots: readonly string[]): Promise<number> {
  let count = 0;
  const visit = async (path: string): Promise<void> => {
    const entries = await readdir(path, { withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
      if (entry.isDirectory()) await visit(join(path, entry.name));
      else count += 1;
    }
  };
  for (const root of roots) await visit(root);
  return count;
}

/** The throwaway profile directory behind a private bus address (unix:path=<root>/bus/…). */
export function profileRootOf(busAddress: string): string {
  const match = /^unix:path=(.+)\/bus\/[^/]+$/.exec(busAddress);
  if (!match?.[1]) throw new Error(`not a private test bus address: ${busAddress}`);
  return match[1];
}
