/**
 * System audio's main-side decisions: display capture (Windows loopback) only for our window's
 * main frame and only while the chosen source needs it; the Linux PulseAudio source added and
 * removed in step with the setting. Electron's objects are small structural stand-ins; the
 * decisions are the real ones.
 */
import { describe, expect, it } from 'vitest';
import type { Session, WebContents, WebFrameMain } from 'electron';
import { createMemoryLogger } from '../../../src/main/core/logger';
import {
  createPulseSystemSource,
  earshotSourceName,
  followAudioSource,
  type PactlRunner,
} from '../../../src/main/core/system-audio/pulse-system-source';
import {
  installDisplayMediaHandler,
  shouldGrantLoopback,
  sourceNeedsLoopback,
  type DisplayMediaFacts,
} from '../../../src/main/display-media';
import { shouldGrantPermissionRequest, type PermissionRequestFacts } from '../../../src/main/permissions';
import type { AudioSource } from '../../../src/shared/settings';

const appOrigin = 'app://earshot';
const policy = { isTrustedWebContents: (id: number) => id === 3, appOrigin };

describe('display capture permission', () => {
  const displayCapture: PermissionRequestFacts = {
    permission: 'display-capture',
    webContentsId: 3,
    isMainFrame: true,
    requestingUrl: 'app://earshot/index.html',
    securityOrigin: 'app://earshot/',
    mediaTypes: ['video', 'audio'],
    loopbackWanted: true,
  };

  it('is granted to our main frame while the chosen source needs loopback', () => {
    expect(shouldGrantPermissionRequest(displayCapture, policy)).toBe(true);
  });

  it.each<[string, Partial<PermissionRequestFacts>]>([
    ['the source does not need loopback', { loopbackWanted: false }],
    ['nobody said', { loopbackWanted: undefined }],
    ['a sub-frame', { isMainFrame: false }],
    ['another webContents', { webContentsId: 4 }],
    ['another origin', { requestingUrl: 'https://evil.example/', securityOrigin: 'https://evil.example/' }],
  ])('is refused when %s', (_name, change) => {
    expect(shouldGrantPermissionRequest({ ...displayCapture, ...change }, policy)).toBe(false);
  });

  it('does not widen media: the camera stays refused even while loopback is wanted', () => {
    const camera = { ...displayCapture, permission: 'media', mediaTypes: ['video'] };
    expect(shouldGrantPermissionRequest(camera, policy)).toBe(false);
  });
});

describe('loopback decision', () => {
  const facts: DisplayMediaFacts = {
    platform: 'win32',
    audioSource: 'system',
    audioRequested: true,
    fromTrustedMainFrame: true,
    securityOrigin: 'app://earshot',
    frameUrl: 'app://earshot/index.html',
  };

  it('grants loopback on Windows for system audio and both', () => {
    expect(shouldGrantLoopback(facts, appOrigin)).toBe(true);
    expect(shouldGrantLoopback({ ...facts, audioSource: 'both' }, appOrigin)).toBe(true);
  });

  it.each<[string, Partial<DisplayMediaFacts>]>([
    ['the microphone is the source', { audioSource: 'microphone' }],
    ['on Linux (a PulseAudio source instead)', { platform: 'linux' }],
    ['on macOS (Electron 45 has no loopback there)', { platform: 'darwin' }],
    ['no audio was asked for', { audioRequested: false }],
    ['another frame asks', { fromTrustedMainFrame: false }],
    ['another origin asks', { securityOrigin: 'https://evil.example', frameUrl: 'https://evil.example/' }],
  ])('refuses when %s', (_name, change) => {
    expect(shouldGrantLoopback({ ...facts, ...change }, appOrigin)).toBe(false);
  });

  it('says which sources need loopback where', () => {
    expect(sourceNeedsLoopback('system', 'win32')).toBe(true);
    expect(sourceNeedsLoopback('microphone', 'win32')).toBe(false);
    expect(sourceNeedsLoopback('system', 'linux')).toBe(false);
  });
});

describe('display media handler', () => {
  type Handler = Parameters<Session['setDisplayMediaRequestHandler']>[0];
  function install(audioSource: AudioSource, platform: NodeJS.Platform) {
    let handler: Handler = null;
    const sourcesAsked: unknown[] = [];
    const screen = { id: 'screen:0:0', name: 'Entire screen' };
    installDisplayMediaHandler(
      {
        setDisplayMediaRequestHandler: (next) => {
          handler = next;
        },
      },
      {
        getSources: async (options) => {
          sourcesAsked.push(options);
          // A structural stand-in for DesktopCapturerSource: the handler only passes it on.
          return [screen as unknown as Electron.DesktopCapturerSource];
        },
      },
      (frame) => (frame as unknown as { owner?: WebContents }).owner,
      { ...policy, audioSource: async () => audioSource, platform },
      createMemoryLogger(),
    );
    const ask = (frame: { parent: unknown; url: string; owner?: { id: number } } | null) =>
      new Promise<unknown>((resolve) => {
        // Structural stand-ins for the few WebFrameMain members the handler reads.
        handler?.(
          {
            frame: frame as unknown as WebFrameMain,
            securityOrigin: 'app://earshot',
            videoRequested: true,
            audioRequested: true,
            userGesture: true,
          },
          resolve,
        );
      });
    return { ask, sourcesAsked, screen };
  }
  const ourMainFrame = { parent: null, url: 'app://earshot/index.html', owner: { id: 3 } };

  it('answers our main frame with the first screen and loopback audio, without thumbnails', async () => {
    const { ask, sourcesAsked, screen } = install('system', 'win32');
    expect(await ask(ourMainFrame)).toEqual({ video: screen, audio: 'loopback' });
    expect(sourcesAsked).toEqual([{ types: ['screen'], thumbnailSize: { width: 0, height: 0 } }]);
  });

  it('refuses with null when the source is the microphone, off Windows, or from any other frame', async () => {
    expect(await install('microphone', 'win32').ask(ourMainFrame)).toBeNull();
    expect(await install('system', 'linux').ask(ourMainFrame)).toBeNull();
    const { ask, sourcesAsked } = install('system', 'win32');
    expect(await ask({ ...ourMainFrame, parent: {} })).toBeNull();
    expect(await ask({ ...ourMainFrame, owner: { id: 4 } })).toBeNull();
    expect(await ask(null)).toBeNull();
    expect(sourcesAsked).toEqual([]);
  });
});

describe('Linux PulseAudio source', () => {
  function fakePactl(options: { failing?: boolean; sources?: string } = {}) {
    const calls: string[][] = [];
    let sources = options.sources ?? '0\tspeakers.monitor\tmodule-null-sink.c\ts16le 2ch 44100Hz\tIDLE\n';
    const pactl: PactlRunner = async (args) => {
      calls.push([...args]);
      if (options.failing) throw new Error('pactl: connection refused');
      if (args[0] === 'list') return sources;
      if (args[0] === 'load-module') {
        sources += `1\t${earshotSourceName}\tmodule-remap-source.c\ts16le 2ch 44100Hz\tIDLE\n`;
        return '17\n';
      }
      return '';
    };
    return { pactl, calls };
  }

  it('adds a source fed from the default monitor once, and removes exactly the module it added', async () => {
    const { pactl, calls } = fakePactl();
    const source = createPulseSystemSource(pactl, createMemoryLogger());
    expect(await source.ensure()).toBe(true);
    expect(await source.ensure()).toBe(true);
    const loads = calls.filter((call) => call[0] === 'load-module');
    expect(loads).toEqual([
      [
        'load-module',
        'module-remap-source',
        'master=@DEFAULT_MONITOR@',
        `source_name=${earshotSourceName}`,
        `source_properties="device.description='Earshot system audio'"`,
      ],
    ]);
    await source.remove();
    await source.remove();
    expect(calls.filter((call) => call[0] === 'unload-module')).toEqual([['unload-module', '17']]);
  });

  it('reuses a source left by an earlier run and never unloads what it did not load', async () => {
    const { pactl, calls } = fakePactl({
      sources: `5\t${earshotSourceName}\tmodule-remap-source.c\t-\tIDLE\n`,
    });
    const source = createPulseSystemSource(pactl, createMemoryLogger());
    expect(await source.ensure()).toBe(true);
    await source.remove();
    expect(calls.map((call) => call[0])).toEqual(['list']);
  });

  it('says false, and logs no detail, when PulseAudio cannot be reached', async () => {
    const log = createMemoryLogger();
    const source = createPulseSystemSource(fakePactl({ failing: true }).pactl, log);
    expect(await source.ensure()).toBe(false);
    expect(log.lines.join('\n')).toContain('system audio source could not be added');
    expect(log.lines.join('\n')).not.toContain('connection refused');
  });

  it('follows the setting: added for system and both, removed for the microphone and on dispose', async () => {
    const steps: string[] = [];
    const source = {
      ensure: async () => (steps.push('ensure'), true),
      remove: async () => void steps.push('remove'),
    };
    let notify: (audioSource: AudioSource) => void = () => undefined;
    const follower = followAudioSource(source, 'system', (listener) => {
      notify = listener;
      return () => steps.push('unsubscribed');
    });
    const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
    await settle();
    notify('both');
    await settle();
    notify('microphone');
    await settle();
    notify('microphone');
    await settle();
    notify('system');
    await settle();
    await follower.dispose();
    expect(steps).toEqual(['ensure', 'remove', 'ensure', 'unsubscribed', 'remove']);
  });

  it('coalesces a window flipping the setting in a loop: one pactl change at a time, ending at the last choice', async () => {
    const steps: string[] = [];
    let running = 0;
    let mostAtOnce = 0;
    const step = (name: string) => async () => {
      running += 1;
      mostAtOnce = Math.max(mostAtOnce, running);
      steps.push(name);
      await new Promise((resolve) => setTimeout(resolve, 5));
      running -= 1;
      return true;
    };
    const source = { ensure: step('ensure'), remove: async () => void (await step('remove')()) };
    let notify: (audioSource: AudioSource) => void = () => undefined;
    const follower = followAudioSource(source, 'microphone', (listener) => {
      notify = listener;
      return () => undefined;
    });
    for (let flip = 0; flip < 10_000; flip += 1) notify(flip % 2 === 0 ? 'system' : 'microphone');
    notify('both');
    await new Promise((resolve) => setTimeout(resolve, 50));
    // The first flip's change, then the last choice once it ended; nothing of the 9,999 between.
    expect(steps).toEqual(['ensure']);
    expect(mostAtOnce).toBe(1);
    notify('microphone');
    notify('system');
    notify('microphone');
    await follower.dispose();
    expect(steps).toEqual(['ensure', 'remove', 'remove']);
    expect(mostAtOnce).toBe(1);
  });
});
