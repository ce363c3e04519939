/**
 * The key-metadata file on disk is untrusted input too: a damaged one is set aside, not
 * trusted (the parsing rules: test/unit/core/key-vault-units.test.ts).
 */
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { createJsonFileKeyMetadataStore } from '../../../src/main/core/key-vault';

describe('key metadata is untrusted input', () => {
  test('a damaged metadata file is set aside and reported by throwing', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'earshot-metadata-'));
    try {
      const path = join(directory, 'key-metadata.json');
      const store = createJsonFileKeyMetadataStore(path);
      expect(store.read()).toBeUndefined();
      store.write({ salt: 'ab' });
      expect(store.read()).toEqual({ salt: 'ab' });
      await writeFile(path, '{"salt": ');
      expect(() => store.read()).toThrow(SyntaxError);
      const aside = (await readdir(directory)).filter((name) =>
        /^key-metadata\.corrupt-.+\.json$/.test(name),
      );
      expect(aside).toHaveLength(1);
      expect(await readFile(join(directory, aside[0]!), 'utf8')).toBe('{"salt": ');
      expect(store.read()).toBeUndefined();
      store.clear();
      expect(store.read()).toBeUndefined();
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  });
});
