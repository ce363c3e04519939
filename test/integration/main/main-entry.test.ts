/**
 * The built main entry (out/main/index.js, built here with the project's main settings) run
 * under plain Node with a recording stand-in for Electron's main-process API
 * (fake-electron/), because no Electron binary exists on these machines. It proves the
 * wiring in src/main/index.ts: what happens before `ready`, the window's web preferences,
 * the handlers installed, that IPC reaches the real core through the dispatcher, and a clean
 * shutdown. The real app is driven by test/electron/app.spec.ts wherever Electron exists.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventContract, invokeContract, sendContract } from '../../../src/shared/ipc-contract';
import { overlayInvokeContract } from '../../../src/shared/overlay-contract';
import { defaultSettings } from '../../../src/shared/settings';
import { buildMain, type BuiltMain } from '../../support/built-main';
import { expectedHardening } from '../../support/expected-hardening';

interface Call {
  what: string;
  phase: 'before-ready' | 'after-ready';
  [detail: string]: unknown;
}
interface Report {
  calls: Call[];
  probes: Record<string, unknown>;
}

let built: BuiltMain | null = null;
let buildDir = '';

function runMain(env: Record<string, string>, prepare?: (userDataDir: string) => void): Report {
  if (!built) throw new Error('main was not built');
  return built.run<Report>('drive-main.mjs', env, prepare).report;
}

function callsTo(report: Report, what: string): Call[] {
  return report.calls.filter((call) => call.what === what);
}

beforeAll(() => {
  built = buildMain('main-entry');
  buildDir = built.directory;
}, 60_000);

afterAll(() => built?.remove());

describe('the main entry, unpackaged (as Playwright runs it)', () => {
  let report: Report;
  let userDataDir = '';
  beforeAll(() => {
    report = runMain({ EARSHOT_E2E_FAKE_AUDIO: '/tmp/speech.wav' }, (directory) => {
      userDataDir = directory;
    });
  }, 60_000);

  it('hardens the app before ready', () => {
    const beforeReady = report.calls.filter((call) => call.phase === 'before-ready').map((call) => call.what);
    expect(beforeReady).toContain('enableSandbox');
    expect(beforeReady).toContain('registerSchemesAsPrivileged');
    expect(callsTo(report, 'registerSchemesAsPrivileged')[0]?.['schemes']).toEqual([
      {
        scheme: 'app',
        privileges: {
          standard: true,
          secure: true,
          supportFetchAPI: true,
          corsEnabled: false,
          stream: false,
        },
      },
    ]);
    expect(callsTo(report, 'appendSwitch').map((call) => [call.phase, call['name'], call['value']])).toEqual([
      ['before-ready', 'use-fake-device-for-media-stream', null],
      ['before-ready', 'use-fake-ui-for-media-stream', null],
      ['before-ready', 'use-file-for-fake-audio-capture', '/tmp/speech.wav%noloop'],
    ]);
  });

  it('opens one hardened window on app://earshot with the CommonJS preload', () => {
    const windows = callsTo(report, 'new BrowserWindow');
    expect(windows).toHaveLength(1);
    const options = windows[0]?.['options'] as { webPreferences: Record<string, unknown> };
    expect(options.webPreferences).toMatchObject({
      ...expectedHardening,
      devTools: true,
      preload: join(buildDir, 'preload', 'index.cjs'),
    });
    expect(options.webPreferences).not.toHaveProperty('enableBlinkFeatures');
    expect(callsTo(report, 'loadURL').map((call) => call['url'])).toEqual(['app://earshot/index.html']);
    expect(callsTo(report, 'protocol.handle').map((call) => call['scheme'])).toEqual(['app']);
    expect(callsTo(report, 'setPermissionRequestHandler')).toHaveLength(1);
    expect(callsTo(report, 'setPermissionCheckHandler')).toHaveLength(1);
    // System audio on Windows: getDisplayMedia is answered by main's handler (display-media.ts).
    expect(callsTo(report, 'setDisplayMediaRequestHandler')).toHaveLength(1);
    expect(callsTo(report, 'showErrorBox')).toEqual([]);
  });

  it('tells Chromium, before the page loads, that the window sends no UDP outside a proxy (WebRTC)', () => {
    const load = callsTo(report, 'loadURL')[0];
    const policies = callsTo(report, 'setWebRTCIPHandlingPolicy');
    expect(policies.map((call) => [call['webContentsId'], call['policy']])).toEqual([
      [load?.['webContentsId'], 'disable_non_proxied_udp'],
    ]);
    expect(report.calls.indexOf(policies[0]!)).toBeLessThan(report.calls.indexOf(load!));
  });

  it('makes the contract the whole IPC surface and routes it through the dispatcher to the core', () => {
    // The main window's contract and the caption overlay's own (src/shared/overlay-contract.ts).
    expect(report.probes['invokeChannels']).toEqual(
      [...Object.values(invokeContract), ...Object.values(overlayInvokeContract)]
        .map((entry) => entry.channel)
        .sort(),
    );
    // electron-store's own 'electron-store-get-data' listener is removed.
    expect(report.probes['ipcMainListeners']).toEqual(
      Object.values(sendContract)
        .map((entry) => entry.channel)
        .sort(),
    );
    expect(report.probes['getSettingsFromOurFrame']).toEqual({
      ok: true,
      value: { settings: { ...defaultSettings }, notice: null },
    });
    expect(report.probes['getSettingsFromSubFrame']).toMatchObject({
      ok: false,
      error: { code: 'invalid-request' },
    });
    expect(report.probes['sessionStateFromOurFrame']).toMatchObject({ ok: true, value: { phase: 'idle' } });
  });

  it('asks natively, over our window, before a key is saved for a new host; Cancel sends nothing', () => {
    const asked = callsTo(report, 'showMessageBox');
    const windowId = callsTo(report, 'loadURL')[0]?.['webContentsId'];
    expect(asked).toHaveLength(1);
    expect(asked[0]).toMatchObject({
      phase: 'after-ready',
      parentWebContentsId: windowId,
      options: {
        type: 'warning',
        message: 'Send your API key and audio to dg.example.test?',
        buttons: ['Cancel', 'Use dg.example.test'],
        defaultId: 0,
        cancelId: 0,
      },
    });
    expect(report.probes['saveKeyForNewHost']).toMatchObject({
      ok: false,
      error: { code: 'endpoint-not-confirmed' },
    });
  });

  it('delivers core events to our window as contract events', () => {
    expect(report.probes['eventsAfterSubFrameSend']).toBe(0);
    expect(report.probes['eventsSentToWindow']).toEqual([
      {
        channel: eventContract.onSessionState.channel,
        payload: expect.objectContaining({
          phase: 'error',
          error: expect.objectContaining({ code: 'microphone-denied' }),
        }),
      },
    ]);
  });

  it('installs the permission, protocol and navigation policies', () => {
    expect(report.probes).toMatchObject({
      microphone: true,
      camera: false,
      notifications: false,
      audioCheck: true,
      navigationPrevented: true,
      windowOpen: { action: 'deny' },
    });
    const traversal = report.probes['traversal'] as { status: number; csp: string };
    expect(traversal.status).toBe(404);
    expect(traversal.csp).toContain("script-src 'self'");
    expect(report.probes['webContentsListeners']).toEqual(
      expect.arrayContaining([
        'will-attach-webview',
        'will-frame-navigate',
        'will-navigate',
        'will-redirect',
      ]),
    );
  });

  it("forwards the system's suspend and resume from powerMonitor to the core", () => {
    expect(report.probes['powerMonitorListeners']).toEqual(['resume', 'suspend']);
    const logged = readFileSync(join(userDataDir, 'logs', 'earshot.log'), 'utf8')
      .split('\n')
      .filter((line) => /system (suspending|resumed)|power event/.test(line));
    expect(logged.map((line) => (JSON.parse(line) as { message: string }).message)).toEqual([
      'system suspending',
      'system resumed',
    ]);
  });

  it('offers developer tools in the menu only because it is unpackaged, and shuts the core down on quit', () => {
    expect(callsTo(report, 'setApplicationMenu')[0]?.['items']).toContain('toggleDevTools');
    expect(report.probes['quitDeferredForShutdown']).toBe(true);
    expect(callsTo(report, 'quit')).toHaveLength(1);
  });
});

describe('the main entry, in development', () => {
  it('loads the dev server, sends it the CSP header and trusts only its origin', () => {
    const report = runMain({ ELECTRON_RENDERER_URL: 'http://localhost:5173' });
    expect(callsTo(report, 'loadURL').map((call) => call['url'])).toEqual(['http://localhost:5173']);
    expect(callsTo(report, 'onHeadersReceived').map((call) => call['urls'])).toEqual([
      ['http://localhost:5173/*'],
    ]);
    expect(callsTo(report, 'protocol.handle')).toEqual([]);
    // The probes speak from app://earshot, which is not the trusted origin in development.
    expect(report.probes['getSettingsFromOurFrame']).toMatchObject({
      ok: false,
      error: { code: 'invalid-request' },
    });
    expect(report.probes['microphone']).toBe(false);
  }, 60_000);
});

describe('the main entry, packaged', () => {
  it('ignores the dev server, test microphone and data directory variables and has no devtools', () => {
    const report = runMain({
      FAKE_ELECTRON_PACKAGED: '1',
      ELECTRON_RENDERER_URL: 'http://localhost:5173',
      EARSHOT_E2E_FAKE_AUDIO: '/tmp/speech.wav',
    });
    expect(callsTo(report, 'appendSwitch')).toEqual([]);
    expect(callsTo(report, 'setPath')).toEqual([]);
    expect(callsTo(report, 'onHeadersReceived')).toEqual([]);
    expect(callsTo(report, 'loadURL').map((call) => call['url'])).toEqual(['app://earshot/index.html']);
    const options = callsTo(report, 'new BrowserWindow')[0]?.['options'] as {
      webPreferences: Record<string, unknown>;
    };
    expect(options.webPreferences['devTools']).toBe(false);
    expect(callsTo(report, 'setWebRTCIPHandlingPolicy').map((call) => call['policy'])).toEqual([
      'disable_non_proxied_udp',
    ]);
    const menu = callsTo(report, 'setApplicationMenu')[0]?.['items'] as string[];
    expect(menu).not.toContain('toggleDevTools');
    expect(menu).not.toContain('reload');
  }, 60_000);
});

describe('the main entry, with a damaged key-metadata file', () => {
  let report: Report;
  let userDataDir = '';
  beforeAll(() => {
    report = runMain({}, (directory) => {
      userDataDir = directory;
      writeFileSync(join(directory, 'key-metadata.json'), '{"salt": ');
    });
  }, 60_000);

  it('starts, sets the file aside under the one set-aside name, and tells the window in the key status', () => {
    expect(callsTo(report, 'showErrorBox')).toEqual([]);
    expect(report.probes['keyStatusFromOurFrame']).toMatchObject({
      ok: true,
      value: { notice: expect.stringMatching(/record of your key was damaged/) },
    });
    const aside = readdirSync(userDataDir).filter((name) => /^key-metadata\.corrupt-.+\.json$/.test(name));
    expect(aside).toHaveLength(1);
    expect(readFileSync(join(userDataDir, aside[0] ?? ''), 'utf8')).toBe('{"salt": ');
  });
});
