/**
 * Packaging for Linux (AppImage, deb), macOS (dmg) and Windows (nsis). Fuses are flipped in
 * the afterPack hook (build/flip-fuses.cjs); only the packaged app is fused.
 * @type {import('electron-builder').Configuration}
 */
'use strict';

module.exports = {
  appId: 'app.earshot.desktop',
  productName: 'Earshot',
  executableName: 'earshot',
  directories: { output: 'release', buildResources: 'build' },
  files: ['out/main/**', 'out/preload/**', 'out/renderer/**', 'package.json', '!**/*.map'],
  asar: true,
  // keytar is a native addon: it must be a real file on disk to be loaded.
  asarUnpack: ['**/*.node'],
  afterPack: './build/flip-fuses.cjs',
  linux: {
    target: ['AppImage', 'deb'],
    category: 'Utility',
    synopsis: 'Live speech-to-text with Deepgram',
  },
  deb: {
    // libsecret reaches the Secret Service (gnome-keyring, KWallet) that keeps the key.
    depends: [
      'libgtk-3-0',
      'libnotify4',
      'libnss3',
      'libxss1',
      'libxtst6',
      'xdg-utils',
      'libatspi2.0-0',
      'libuuid1',
      'libsecret-1-0',
      // uiohook-napi (the dictation hotkey's key-up events) links these.
      'libxrandr2',
      'libxt6',
    ],
    // Dictation types or pastes into other apps with these; without them the text goes to the clipboard.
    recommends: ['xdotool', 'xclip', 'x11-utils', 'wtype'],
  },
  mac: {
    target: ['dmg'],
    category: 'public.app-category.productivity',
    hardenedRuntime: true,
    entitlements: 'build/entitlements.mac.plist',
    entitlementsInherit: 'build/entitlements.mac.plist',
    extendInfo: {
      NSMicrophoneUsageDescription:
        'Earshot listens to the microphone to transcribe speech while a session runs.',
      // Dictation pastes into the app you are typing in through System Events.
      NSAppleEventsUsageDescription: 'Earshot pastes dictated text into the app you are typing in.',
    },
  },
  win: { target: ['nsis'] },
  nsis: { oneClick: false, perMachine: false, allowToChangeInstallationDirectory: true },
};
