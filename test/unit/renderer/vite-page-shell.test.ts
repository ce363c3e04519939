/**
 * The document every window's page gets around its own title and entry module
 * (src/renderer/vite-page-shell.ts): the header policy minus frame-ancestors as a meta tag in
 * builds only, DNS prefetch off, the lockdown first at the renderer root, and #root. The built
 * pages as served are checked by test/browser/csp.spec.ts.
 */
import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from '../../../src/main/content-security-policy';
import { metaPolicyOf, pageDocument, pageShell } from '../../../src/renderer/vite-page-shell';

const headerPolicy = contentSecurityPolicy({ devServerOrigin: null });
const page = `<!-- the page file's own comment -->
<title>Earshot captions</title>
<script type="module" src="./overlay-main.tsx"></script>
`;

function directives(policy: string): string[] {
  return policy
    .split(';')
    .map((directive) => directive.trim())
    .filter(Boolean);
}

describe('the page shell', () => {
  it('puts the header policy, without frame-ancestors only, in the meta tag', () => {
    const meta = metaPolicyOf(headerPolicy);
    expect(directives(headerPolicy)).toContain("frame-ancestors 'none'");
    expect(directives(meta)).toEqual(
      directives(headerPolicy).filter((directive) => !directive.startsWith('frame-ancestors')),
    );
    const html = pageDocument(page, { path: '/overlay/index.html', metaPolicy: meta });
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="${meta}" />`);
  });

  it('leads with the charset and the policy, then DNS prefetch off and the lockdown, then the page’s own lines', () => {
    const html = pageDocument(page, { path: '/overlay/index.html', metaPolicy: "default-src 'none'" });
    const order = [
      '<!doctype html>',
      '<html lang="en">',
      '<meta charset="UTF-8" />',
      '<meta http-equiv="Content-Security-Policy"',
      '<meta http-equiv="x-dns-prefetch-control" content="off" />',
      '<script vite-ignore src="../page-lockdown.js"></script>',
      '<title>Earshot captions</title>',
      '<script type="module" src="./overlay-main.tsx"></script>',
      '</head>',
      '<div id="root"></div>',
    ].map((part) => html.indexOf(part));
    expect(order.every((position) => position >= 0)).toBe(true);
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(html).not.toContain('the page file’s own comment');
    expect(html).not.toContain("the page file's own comment");
  });

  it('finds the one lockdown at the renderer root from every page', () => {
    const lockdownOf = (path: string) =>
      /<script vite-ignore src="([^"]+)">/.exec(pageDocument(page, { path, metaPolicy: null }))?.[1];
    expect(lockdownOf('/index.html')).toBe('./page-lockdown.js');
    expect(lockdownOf('/overlay/index.html')).toBe('../page-lockdown.js');
    expect(lockdownOf('/a/b/index.html')).toBe('../../page-lockdown.js');
  });

  it('escapes the policy for its attribute', () => {
    const html = pageDocument(page, { path: '/index.html', metaPolicy: `img-src "x" &` });
    expect(html).toContain('content="img-src &quot;x&quot; &amp;"');
  });

  it('refuses a page file that brings its own document parts', () => {
    for (const own of [
      '<!doctype html>',
      '<html lang="en">',
      '<head>',
      '<body>',
      '<meta charset="UTF-8" />',
      '<div id="root"></div>',
    ]) {
      expect(() => pageDocument(`${own}\n${page}`, { path: '/index.html', metaPolicy: null }), own).toThrow(
        /only its <title> and entry module/,
      );
    }
  });

  it('gives built pages the meta policy and served (development) pages none', () => {
    const transform = (command: 'build' | 'serve') => {
      // The two hooks Vite calls, with the little of their arguments the plugin reads.
      const plugin = pageShell({ headerPolicy }) as unknown as {
        configResolved(config: { command: string }): void;
        transformIndexHtml: { order: string; handler(html: string, context: { path: string }): string };
      };
      plugin.configResolved({ command });
      expect(plugin.transformIndexHtml.order).toBe('pre');
      return plugin.transformIndexHtml.handler(page, { path: '/index.html' });
    };
    expect(transform('build')).toContain(`content="${metaPolicyOf(headerPolicy)}"`);
    expect(transform('serve')).not.toContain('Content-Security-Policy');
    expect(transform('serve')).toContain('<script vite-ignore src="./page-lockdown.js"></script>');
  });
});
