/**
 * electron-builder afterPack hook: flips Electron's fuses in the packaged binary, before
 * code signing, so the OS signature protects them. Only packaged builds are fused; the
 * unpackaged `electron-vite build` output that Playwright drives keeps Node's inspector
 * arguments, which Playwright's _electron.launch needs.
 */
'use strict';

/** Fuse name (as in @electron/fuses FuseV1Options) → the value packaged Earshot ships with. */
const fuseSettings = Object.freeze({
  RunAsNode: false,
  EnableNodeOptionsEnvironmentVariable: false,
  EnableNodeCliInspectArguments: false,
  EnableCookieEncryption: true,
  OnlyLoadAppFromAsar: true,
  EnableEmbeddedAsarIntegrityValidation: true,
  GrantFileProtocolExtraPrivileges: false,
});

/** The @electron/fuses config for fuseSettings; takes the module so tests can check it without flipping. */
function fuseConfig(fuses) {
  const config = { version: fuses.FuseVersion.V1, resetAdHocDarwinSignature: false };
  for (const [name, value] of Object.entries(fuseSettings)) {
    const index = fuses.FuseV1Options[name];
    if (typeof index !== 'number') throw new Error(`@electron/fuses has no fuse named ${name}`);
    config[index] = value;
  }
  return config;
}

function electronBinaryPath(path, context) {
  const { appOutDir, electronPlatformName, packager } = context;
  const productFilename = packager.appInfo.productFilename;
  switch (electronPlatformName) {
    case 'darwin':
    case 'mas':
      return path.join(appOutDir, `${productFilename}.app`, 'Contents', 'MacOS', productFilename);
    case 'win32':
      return path.join(appOutDir, `${productFilename}.exe`);
    default:
      return path.join(appOutDir, packager.executableName);
  }
}

async function flipFuses(context) {
  // @electron/fuses is an ES module; electron-builder loads this hook as CommonJS.
  const fuses = await import('@electron/fuses');
  const path = await import('node:path');
  const binary = electronBinaryPath(path, context);
  // Ad-hoc signatures on Apple silicon must be redone after the binary changes.
  const appleSilicon = context.electronPlatformName === 'darwin' && context.arch === 3; /* Arch.arm64 */
  const config = { ...fuseConfig(fuses), resetAdHocDarwinSignature: appleSilicon };
  await fuses.flipFuses(binary, config);
  const wire = await fuses.getCurrentFuseWire(binary);
  for (const [name, value] of Object.entries(fuseSettings)) {
    const actual = wire[fuses.FuseV1Options[name]];
    const expected = value ? fuses.FuseState.ENABLE : fuses.FuseState.DISABLE;
    if (actual !== expected)
      throw new Error(`Fuse ${name} is ${actual} after flipping, expected ${expected}`);
  }
}

module.exports = flipFuses;
module.exports.default = flipFuses;
module.exports.fuseSettings = fuseSettings;
module.exports.fuseConfig = fuseConfig;
