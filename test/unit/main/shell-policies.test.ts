/**
 * The Electron shell's security decisions, exercised through the same functions the shell
 * installs into Electron. The Electron binary is not available here, so Electron's objects
 * are replaced by small recording fakes that follow the electron.d.ts signatures; the
 * decisions themselves are the real ones. The app:// handler, which reads files:
 * test/integration/main/app-protocol.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { applicationMenuTemplate } from '../../../src/main/application-menu';
import { contentSecurityPolicy } from '../../../src/main/content-security-policy';
import { createMemoryLogger } from '../../../src/main/core/logger';
import { isAllowedExternalUrl, openExternalIfAllowed } from '../../../src/main/external-links';
import {
  shouldGrantPermissionCheck,
  shouldGrantPermissionRequest,
  type PermissionCheckFacts,
  type PermissionRequestFacts,
} from '../../../src/main/permissions';
import { fakeAudioSwitches } from '../../../src/main/test-fake-audio';
import { guardWebContents } from '../../../src/main/navigation-guard';
import type { WebContents } from 'electron';

const policy = { isTrustedWebContents: (id: number) => id === 3, appOrigin: 'app://earshot' };

describe('permission handlers', () => {
  const microphone: PermissionRequestFacts = {
    permission: 'media',
    webContentsId: 3,
    isMainFrame: true,
    requestingUrl: 'app://earshot/index.html',
    securityOrigin: 'app://earshot/',
    mediaTypes: ['audio'],
  };

  it('grant the microphone to our window’s main frame', () => {
    expect(shouldGrantPermissionRequest(microphone, policy)).toBe(true);
  });

  it.each<[string, Partial<PermissionRequestFacts>]>([
    ['the camera', { mediaTypes: ['video'] }],
    ['camera and microphone together', { mediaTypes: ['audio', 'video'] }],
    ['media without types', { mediaTypes: undefined }],
    ['media with no types', { mediaTypes: [] }],
    ['a sub-frame', { isMainFrame: false }],
    ['another webContents', { webContentsId: 4 }],
    ['another origin', { requestingUrl: 'https://evil.example/', securityOrigin: 'https://evil.example/' }],
    ['a mismatched security origin', { securityOrigin: 'https://evil.example/' }],
    ['notifications', { permission: 'notifications', mediaTypes: undefined }],
    ['geolocation', { permission: 'geolocation', mediaTypes: undefined }],
    ['screen capture', { permission: 'display-capture' }],
    ['opening external links', { permission: 'openExternal', mediaTypes: undefined }],
    ['clipboard reading', { permission: 'clipboard-read', mediaTypes: undefined }],
  ])('refuse %s', (_name, change) => {
    expect(shouldGrantPermissionRequest({ ...microphone, ...change }, policy)).toBe(false);
  });

  const audioCheck: PermissionCheckFacts = {
    permission: 'media',
    webContentsId: 3,
    isMainFrame: true,
    requestingOrigin: 'app://earshot',
    mediaType: 'audio',
  };

  it('answer permission checks for audio from our window only', () => {
    expect(shouldGrantPermissionCheck(audioCheck, policy)).toBe(true);
    for (const change of [
      { mediaType: 'video' },
      { mediaType: 'unknown' },
      { mediaType: undefined },
      { webContentsId: null },
      { webContentsId: 9 },
      { isMainFrame: false },
      { requestingOrigin: 'http://localhost:5173' },
      { permission: 'clipboard-read' },
    ] satisfies Array<Partial<PermissionCheckFacts>>) {
      expect(shouldGrantPermissionCheck({ ...audioCheck, ...change }, policy)).toBe(false);
    }
  });
});

describe('content security policy', () => {
  const directives = (policy: string) =>
    new Map(
      policy
        .split('; ')
        .map((directive) => [directive.split(' ')[0], directive.split(' ').slice(1).join(' ')]),
    );

  it('allows scripts only from the app itself and no connections when packaged', () => {
    const policy = directives(contentSecurityPolicy({ devServerOrigin: null }));
    expect(policy.get('default-src')).toBe("'none'");
    expect(policy.get('script-src')).toBe("'self'");
    expect(policy.get('connect-src')).toBe("'none'");
    expect(policy.get('object-src')).toBe("'none'");
    expect(policy.get('frame-ancestors')).toBe("'none'");
    for (const value of policy.values()) {
      expect(value).not.toMatch(/unsafe-inline|unsafe-eval|https?:|wss?:|\*/);
    }
  });

  it('relaxes only what Vite’s dev server needs, for its own origin', () => {
    const policy = directives(contentSecurityPolicy({ devServerOrigin: 'http://localhost:5173' }));
    expect(policy.get('connect-src')).toBe("'self' ws://localhost:5173");
    expect(policy.get('script-src')).not.toContain('unsafe-eval');
  });
});

describe('external links', () => {
  it('open only https pages on the Deepgram allowlist', () => {
    expect(isAllowedExternalUrl('https://console.deepgram.com/project/keys')).toBe(true);
    expect(isAllowedExternalUrl('https://developers.deepgram.com/docs')).toBe(true);
    for (const url of [
      'http://console.deepgram.com/',
      'https://console.deepgram.com.evil.example/',
      'https://evil.example/?https://console.deepgram.com',
      'https://user:pass@console.deepgram.com/',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'smb://server/share',
      'not a url',
    ]) {
      expect(isAllowedExternalUrl(url), url).toBe(false);
    }
  });

  it('hand allowed links to the system browser and log refusals without the URL', async () => {
    const opened: string[] = [];
    const shell = { openExternal: async (url: string) => void opened.push(url) };
    const log = createMemoryLogger();
    expect(openExternalIfAllowed(shell, 'https://console.deepgram.com/signup', log)).toBe(true);
    expect(openExternalIfAllowed(shell, 'https://evil.example/steal?token=abc', log)).toBe(false);
    await Promise.resolve();
    expect(opened).toEqual(['https://console.deepgram.com/signup']);
    expect(log.lines.join('\n')).not.toContain('token=abc');
  });
});

describe('test-only fake microphone switches', () => {
  it('are appended only for an absolute WAV path in an unpackaged build', () => {
    const env = { EARSHOT_E2E_FAKE_AUDIO: '/tmp/speech.wav' };
    expect(fakeAudioSwitches(env, false)).toEqual([
      ['use-fake-device-for-media-stream'],
      ['use-fake-ui-for-media-stream'],
      ['use-file-for-fake-audio-capture', '/tmp/speech.wav%noloop'],
    ]);
    expect(fakeAudioSwitches(env, true)).toEqual([]);
    expect(fakeAudioSwitches({}, false)).toEqual([]);
    expect(fakeAudioSwitches({ EARSHOT_E2E_FAKE_AUDIO: 'speech.wav' }, false)).toEqual([]);
  });
});

describe('application menu', () => {
  const roles = (template: ReturnType<typeof applicationMenuTemplate>): string[] =>
    template.flatMap((item) => [
      item.role ?? '',
      ...(Array.isArray(item.submenu) ? item.submenu.map((entry) => entry.role ?? '') : []),
    ]);

  it('has no reload or developer tools in production', () => {
    for (const isMac of [true, false]) {
      const production = roles(applicationMenuTemplate({ isMac, includeDeveloperItems: false }));
      expect(production).toContain('editMenu');
      expect(production).not.toContain('toggleDevTools');
      expect(production).not.toContain('reload');
      expect(production).not.toContain('viewMenu');
    }
    expect(roles(applicationMenuTemplate({ isMac: false, includeDeveloperItems: true }))).toContain(
      'toggleDevTools',
    );
  });
});

describe('navigation guard', () => {
  function guardedContents() {
    const handlers = new Map<
      string,
      (event: { preventDefault(): void; url?: string; isMainFrame?: boolean }) => void
    >();
    let windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
    const fake = {
      on(name: string, handler: (event: { preventDefault(): void }) => void) {
        handlers.set(name, handler);
        return fake;
      },
      setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) {
        windowOpenHandler = handler;
      },
    };
    const opened: string[] = [];
    // A structural stand-in for the few WebContents members the guard uses.
    guardWebContents(
      fake as unknown as WebContents,
      { openExternal: async (url) => void opened.push(url) },
      createMemoryLogger(),
    );
    const fire = (name: string, url: string, isMainFrame = true) => {
      let prevented = false;
      handlers.get(name)?.({ preventDefault: () => (prevented = true), url, isMainFrame });
      return prevented;
    };
    return { handlers, fire, opened, openWindow: (url: string) => windowOpenHandler?.({ url }) };
  }

  it('prevents every navigation, redirect and webview, and denies every new window', () => {
    const guard = guardedContents();
    expect([...guard.handlers.keys()].sort()).toEqual(
      ['will-attach-webview', 'will-frame-navigate', 'will-navigate', 'will-redirect'].sort(),
    );
    expect(guard.fire('will-navigate', 'https://evil.example/')).toBe(true);
    expect(guard.fire('will-navigate', 'app://earshot/other.html')).toBe(true);
    expect(guard.fire('will-frame-navigate', 'https://evil.example/', false)).toBe(true);
    expect(guard.fire('will-redirect', 'https://evil.example/')).toBe(true);
    expect(guard.fire('will-attach-webview', 'about:blank')).toBe(true);
    expect(guard.openWindow('https://evil.example/')).toEqual({ action: 'deny' });
    expect(guard.openWindow('https://console.deepgram.com/')).toEqual({ action: 'deny' });
    expect(guard.opened).toEqual(['https://console.deepgram.com/']);
  });
});
