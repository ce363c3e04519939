/**
 * Packaging config and the afterPack fuse hook. The hook is run for real (with the real
 * @electron/fuses) against a file that carries Electron's fuse sentinel and wire, since no
 * Electron binary can be downloaded here; the bytes it writes are then read back.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FuseState, FuseV1Options, FuseVersion } from '@electron/fuses';
import { afterEach, describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);

interface FuseHook {
  (context: unknown): Promise<void>;
  fuseSettings: Record<string, boolean>;
  fuseConfig: (fuses: unknown) => Record<string, unknown>;
}
const hook = require('../../../build/flip-fuses.cjs') as FuseHook;
const builderConfig = require('../../../electron-builder.config.cjs') as Record<string, unknown> & {
  linux: { target: string[] };
  mac: { target: string[]; extendInfo: Record<string, string> };
  win: { target: string[] };
  files: string[];
};

const expectedFuses = {
  RunAsNode: false,
  EnableNodeOptionsEnvironmentVariable: false,
  EnableCookieEncryption: true,
  OnlyLoadAppFromAsar: true,
  EnableEmbeddedAsarIntegrityValidation: true,
  EnableNodeCliInspectArguments: false,
  GrantFileProtocolExtraPrivileges: false,
};

const sentinel = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const wireLength = 9;
let workDir: string | null = null;

afterEach(() => {
  if (workDir) rmSync(workDir, { recursive: true, force: true });
  workDir = null;
});

describe('fuses', () => {
  it('are configured to exactly the packaged values', () => {
    expect(hook.fuseSettings).toEqual(expectedFuses);
    expect(Object.isFrozen(hook.fuseSettings)).toBe(true);
    const config = hook.fuseConfig({ FuseV1Options, FuseVersion });
    expect(config).toEqual({
      version: FuseVersion.V1,
      resetAdHocDarwinSignature: false,
      [FuseV1Options.RunAsNode]: false,
      [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
      [FuseV1Options.EnableCookieEncryption]: true,
      [FuseV1Options.OnlyLoadAppFromAsar]: true,
      [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
      [FuseV1Options.EnableNodeCliInspectArguments]: false,
      [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
    });
  });

  it('are written into the packaged binary by the afterPack hook', async () => {
    workDir = mkdtempSync(join(tmpdir(), 'earshot-fuses-'));
    const binary = join(workDir, 'earshot');
    // Electron's defaults: every fuse in its factory state ('1' = enabled, '0' = disabled).
    const factoryWire = Buffer.from('101100000', 'ascii');
    writeFileSync(
      binary,
      Buffer.concat([
        Buffer.alloc(4096, 7),
        Buffer.from(sentinel),
        Buffer.from([1, wireLength]),
        factoryWire,
        Buffer.alloc(64),
      ]),
    );

    await hook({
      appOutDir: workDir,
      electronPlatformName: 'linux',
      arch: 1,
      packager: { appInfo: { productFilename: 'Earshot' }, executableName: 'earshot' },
    });

    const bytes = readFileSync(binary);
    const wireStart = bytes.indexOf(sentinel) + sentinel.length + 2;
    const wire = [...bytes.subarray(wireStart, wireStart + wireLength)];
    for (const [name, enabled] of Object.entries(expectedFuses)) {
      const index = FuseV1Options[name as keyof typeof FuseV1Options];
      expect(wire[index], name).toBe(enabled ? FuseState.ENABLE : FuseState.DISABLE);
    }
    // Fuses the config does not name keep their factory state.
    expect(wire[FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]).toBe(factoryWire[6]);
    expect(wire[FuseV1Options.WasmTrapHandlers]).toBe(factoryWire[8]);
  });
});

describe('electron-builder config', () => {
  it('packages AppImage, deb, dmg and nsis from out/ with the fuse hook', () => {
    expect(builderConfig['productName']).toBe('Earshot');
    expect(typeof builderConfig['appId']).toBe('string');
    expect(builderConfig.linux.target).toEqual(['AppImage', 'deb']);
    expect(builderConfig.mac.target).toEqual(['dmg']);
    expect(builderConfig.win.target).toEqual(['nsis']);
    expect(builderConfig['afterPack']).toBe('./build/flip-fuses.cjs');
    expect(builderConfig['asar']).toBe(true);
    expect(builderConfig.files.filter((pattern) => !pattern.startsWith('!')).sort()).toEqual(
      ['out/main/**', 'out/preload/**', 'out/renderer/**', 'package.json'].sort(),
    );
    expect(builderConfig.mac.extendInfo['NSMicrophoneUsageDescription']).toMatch(/microphone/);
  });
});
