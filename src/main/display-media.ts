/**
 * System audio where no "Monitor of …" input exists: the window calls getDisplayMedia and
 * main answers with the loopback stream of the system's sound. Electron 45 supports loopback
 * on Windows only (`Streams.audio` in electron.d.ts), so elsewhere the request is refused and
 * the window says how to hear the computer's sound there (docs/AUDIO-SOURCES.md). Chromium
 * insists on a video source; the first screen is named with no thumbnail, and the window stops
 * that track at once. Granted only to our window's main frame at our origin, only when audio is
 * asked for and only while the chosen audio source needs it.
 */
import type { DesktopCapturer, Session, WebContents, WebFrameMain } from 'electron';
import type { Logger } from './core/logger';
import type { AudioSource } from '../shared/settings';
import { isSameOrigin } from './ipc/origin';

export interface DisplayMediaFacts {
  platform: NodeJS.Platform;
  audioSource: AudioSource;
  audioRequested: boolean;
  /** The requesting frame is the main frame of one of our windows' webContents. */
  fromTrustedMainFrame: boolean;
  securityOrigin: string;
  frameUrl: string;
}

/** The platforms where Electron can hand over the system's sound as a loopback stream. */
function loopbackSupported(platform: NodeJS.Platform): boolean {
  return platform === 'win32';
}

export function sourceNeedsLoopback(audioSource: AudioSource, platform: NodeJS.Platform): boolean {
  return audioSource !== 'microphone' && loopbackSupported(platform);
}

export function shouldGrantLoopback(facts: DisplayMediaFacts, appOrigin: string): boolean {
  return (
    sourceNeedsLoopback(facts.audioSource, facts.platform) &&
    facts.audioRequested &&
    facts.fromTrustedMainFrame &&
    isSameOrigin(facts.securityOrigin, appOrigin) &&
    isSameOrigin(facts.frameUrl, appOrigin)
  );
}

export interface DisplayMediaPolicy {
  isTrustedWebContents: (webContentsId: number) => boolean;
  appOrigin: string;
  audioSource: () => Promise<AudioSource>;
  platform?: NodeJS.Platform;
}

type WebContentsFromFrame = (frame: WebFrameMain) => WebContents | undefined;

export function installDisplayMediaHandler(
  session: Pick<Session, 'setDisplayMediaRequestHandler'>,
  capturer: Pick<DesktopCapturer, 'getSources'>,
  fromFrame: WebContentsFromFrame,
  policy: DisplayMediaPolicy,
  log: Logger,
): void {
  const platform = policy.platform ?? process.platform;
  session.setDisplayMediaRequestHandler((request, callback) => {
    const frame = request.frame;
    const webContents = frame ? fromFrame(frame) : undefined;
    const fromTrustedMainFrame =
      frame !== null &&
      frame.parent === null &&
      webContents !== undefined &&
      policy.isTrustedWebContents(webContents.id);
    const refuse = (reason: string): void => {
      log.warn('display media request refused', { reason });
      callback(null);
    };
    policy
      .audioSource()
      .then(async (audioSource) => {
        const facts: DisplayMediaFacts = {
          platform,
          audioSource,
          audioRequested: request.audioRequested,
          fromTrustedMainFrame,
          securityOrigin: request.securityOrigin,
          frameUrl: frame?.url ?? '',
        };
        if (!shouldGrantLoopback(facts, policy.appOrigin)) return refuse('not-allowed');
        const [screen] = await capturer.getSources({
          types: ['screen'],
          thumbnailSize: { width: 0, height: 0 },
        });
        if (!screen) return refuse('no-screen');
        callback({ video: screen, audio: 'loopback' });
      })
      .catch(() => refuse('failed'));
  });
}
