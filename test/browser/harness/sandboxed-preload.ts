/**
 * Loads the real built preload and holds it to a sandboxed preload's limits [§6]: it must be
 * CommonJS (Electron wraps it in a function, where `import`/`export` are syntax errors) and
 * may require only Electron's renderer modules, events, timers and url. A preload that
 * breaks either rule is refused here, statically; at run time the emulated `require` throws
 * Electron's own "module not found" for anything else, which the harness reports as a
 * preload error.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Script } from 'node:vm';
import { installElectronRenderer, type RendererEmulationConfig } from './renderer-emulation';
import { buildRoot } from './renderer-server';

export const preloadPath = resolve(buildRoot, 'preload/index.cjs');

/** Exactly the modules Electron's sandboxed preload `require` resolves (lib/sandboxed_renderer/init.ts). */
export const sandboxedPreloadModules: readonly string[] = [
  'electron',
  'electron/common',
  'electron/renderer',
  'events',
  'node:events',
  'timers',
  'node:timers',
  'url',
  'node:url',
];

/** The parameters Electron passes to a sandboxed preload's wrapper function. */
const wrapperParameters = 'require, process, Buffer, global, setImmediate, clearImmediate, exports, module';

export class PreloadRefusedError extends Error {
  override name = 'PreloadRefusedError';
}

/** Returns the reasons a preload source would not run as a sandboxed preload; empty when it would. */
export function sandboxViolations(source: string): string[] {
  const violations: string[] = [];
  try {
    new Script(`(function (${wrapperParameters}) {\n${source}\n})`, { filename: 'preload.cjs' });
  } catch (error) {
    violations.push(
      `it does not compile as a CommonJS function body (${error instanceof Error ? error.message : String(error)}); ` +
        'an ES module preload cannot run in a sandboxed renderer',
    );
  }
  const requireCall = /\brequire\s*\(/g;
  const literalRequire = /^require\s*\(\s*(['"`])([^'"`]+)\1\s*\)/;
  for (const match of source.matchAll(requireCall)) {
    const preceding = source.slice(Math.max(0, match.index - 1), match.index);
    if (preceding === '.' || preceding === '_' || preceding === '$') continue; // e.g. module.require, __require
    const call = literalRequire.exec(source.slice(match.index));
    if (!call) {
      violations.push(
        `it calls require with a computed name near "${source.slice(match.index, match.index + 40)}"`,
      );
    } else if (!sandboxedPreloadModules.includes(call[2] ?? '')) {
      violations.push(`it requires "${call[2]}", which a sandboxed preload cannot load`);
    }
  }
  return violations;
}

export function loadSandboxedPreload(path: string = preloadPath): string {
  if (!existsSync(path)) {
    throw new PreloadRefusedError(
      `${path} is missing: run \`npx electron-vite build\` before the browser tests.`,
    );
  }
  const source = readFileSync(path, 'utf8');
  const violations = sandboxViolations(source);
  if (violations.length > 0) {
    throw new PreloadRefusedError(`The preload ${path} is refused: ${violations.join('; ')}.`);
  }
  return source;
}

/**
 * The init script: the renderer emulation, then the preload wrapped exactly as Electron wraps
 * it. Inlined as source rather than eval'd, because the page's CSP forbids eval. Only the
 * main frame gets it: Electron runs preloads in sub-frames only with nodeIntegrationInSubFrames.
 */
export function preloadInitScript(config: RendererEmulationConfig, preloadSource: string): string {
  return [
    'if (globalThis.top === globalThis) {',
    `(${installElectronRenderer.toString()})(${JSON.stringify(config)}, function (${wrapperParameters}) {`,
    preloadSource,
    '});',
    '}',
  ].join('\n');
}
