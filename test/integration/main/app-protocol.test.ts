/**
 * The app:// protocol handler the shell installs, over a real renderer directory on disk:
 * it serves only files inside it, with the CSP header, and follows no link out of it.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppProtocolHandler, rendererFileFor } from '../../../src/main/app-protocol';
import { contentSecurityPolicy } from '../../../src/main/content-security-policy';
import { createMemoryLogger } from '../../../src/main/core/logger';

describe('app:// protocol', () => {
  let root: string;
  let outside: string;
  const log = createMemoryLogger();

  beforeAll(() => {
    const base = mkdtempSync(join(tmpdir(), 'earshot-protocol-'));
    root = join(base, 'renderer');
    outside = join(base, 'secret.txt');
    mkdirSync(join(root, 'assets'), { recursive: true });
    writeFileSync(join(root, 'index.html'), '<!doctype html><title>Earshot</title>');
    writeFileSync(join(root, 'assets', 'app.js'), 'console.log(1)');
    writeFileSync(outside, 'not for the renderer');
    symlinkSync(outside, join(root, 'assets', 'link.txt'));
  });
  afterAll(() => rmSync(join(root, '..'), { recursive: true, force: true }));

  it('maps app://earshot/ paths into the renderer directory only', () => {
    expect(rendererFileFor('app://earshot/', root)).toBe(join(root, 'index.html'));
    expect(rendererFileFor('app://earshot/assets/app.js', root)).toBe(join(root, 'assets', 'app.js'));
    // The URL parser already folds plain ../ segments, so these stay inside the directory.
    expect(rendererFileFor('app://earshot/../secret.txt', root)).toBe(join(root, 'secret.txt'));
    expect(rendererFileFor('app://earshot/%2e%2e/secret.txt', root)).toBe(join(root, 'secret.txt'));
    // Encoded separators survive the parser and would escape after decoding: refused.
    for (const url of [
      'app://earshot/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
      'app://earshot/%2f..%2f..%2fsecret.txt',
      'app://earshot/..%5csecret.txt',
      'app://earshot/a%00b',
      'app://earshot/%E0%A4%A',
      'app://other/index.html',
      'file:///etc/passwd',
      'not a url',
    ]) {
      expect(rendererFileFor(url, root), url).toBeNull();
    }
  });

  it('serves files with the CSP header and refuses everything else', async () => {
    const csp = contentSecurityPolicy({ devServerOrigin: null });
    const handle = createAppProtocolHandler({ rendererRoot: root, contentSecurityPolicy: csp, log });
    const page = await handle(new Request('app://earshot/index.html'));
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toBe(csp);
    expect(await page.text()).toContain('<title>Earshot</title>');

    const script = await handle(new Request('app://earshot/assets/app.js'));
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');

    expect((await handle(new Request('app://earshot/missing.js'))).status).toBe(404);
    expect((await handle(new Request('app://earshot/%2e%2e/secret.txt'))).status).toBe(404);
    const viaLink = await handle(new Request('app://earshot/assets/link.txt'));
    expect(viaLink.status).toBe(404);
    expect(await viaLink.text()).not.toContain('not for the renderer');
    expect(
      (await handle(new Request('app://earshot/index.html', { method: 'POST', body: 'x' }))).status,
    ).toBe(405);
  });
});
