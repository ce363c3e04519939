/**
 * The browser suites run on Linux, where README's setup installs what they need: espeak-ng
 * and sox for the speech fixture, and gnome-keyring for a private Secret Service (so no test
 * ever touches the real keychain). Elsewhere (the macOS and Windows CI jobs) they are
 * reported as skipped with this reason; the Electron specs cover those platforms.
 */
export const browserSuitePlatformOk = process.platform === 'linux';

export const browserSuiteSkipReason =
  'The emulated-Electron browser suite runs on Linux only: it needs espeak-ng and sox for its speech ' +
  'fixture and a private Secret Service (gnome-keyring) so that no test touches the real keychain.';
