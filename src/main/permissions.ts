/**
 * Electron grants every permission by default. Earshot needs exactly one: the microphone
 * (media, audio only; a PulseAudio/PipeWire monitor is such an input too) for our own window's
 * main frame showing our own origin. The one addition: display capture, and only while the
 * chosen audio source needs the system's loopback stream (Windows) — the display media handler
 * (display-media.ts) then hands over loopback audio, and the window drops the video. Every
 * other request and check is refused, including the camera.
 */
import type { Session } from 'electron';
import type { Logger } from './core/logger';
import { isSameOrigin } from './ipc/origin';

export interface PermissionPolicy {
  isTrustedWebContents: (webContentsId: number) => boolean;
  appOrigin: string;
  /** Whether the audio source chosen now needs the loopback stream (display capture); never by default. */
  loopbackWanted?: () => Promise<boolean>;
}

export interface PermissionRequestFacts {
  permission: string;
  webContentsId: number;
  isMainFrame: boolean;
  requestingUrl: string;
  securityOrigin: string | undefined;
  mediaTypes: readonly string[] | undefined;
  /** The chosen audio source needs loopback audio, and this system offers it. */
  loopbackWanted?: boolean;
}

export interface PermissionCheckFacts {
  permission: string;
  webContentsId: number | null;
  isMainFrame: boolean;
  requestingOrigin: string;
  mediaType: string | undefined;
}

function isAudioOnly(mediaTypes: readonly string[] | undefined): boolean {
  return mediaTypes !== undefined && mediaTypes.length === 1 && mediaTypes[0] === 'audio';
}

export function shouldGrantPermissionRequest(
  facts: PermissionRequestFacts,
  policy: Omit<PermissionPolicy, 'loopbackWanted'>,
): boolean {
  const wanted =
    (facts.permission === 'media' && isAudioOnly(facts.mediaTypes)) ||
    (facts.permission === 'display-capture' && facts.loopbackWanted === true);
  return (
    wanted &&
    facts.isMainFrame &&
    policy.isTrustedWebContents(facts.webContentsId) &&
    isSameOrigin(facts.requestingUrl, policy.appOrigin) &&
    (facts.securityOrigin === undefined || isSameOrigin(facts.securityOrigin, policy.appOrigin))
  );
}

export function shouldGrantPermissionCheck(
  facts: PermissionCheckFacts,
  policy: Omit<PermissionPolicy, 'loopbackWanted'>,
): boolean {
  return (
    facts.permission === 'media' &&
    facts.mediaType === 'audio' &&
    facts.isMainFrame &&
    facts.webContentsId !== null &&
    policy.isTrustedWebContents(facts.webContentsId) &&
    isSameOrigin(facts.requestingOrigin, policy.appOrigin)
  );
}

export function installPermissionHandlers(session: Session, policy: PermissionPolicy, log: Logger): void {
  session.setPermissionRequestHandler((webContents, permission, callback, details) => {
    const decide = (loopbackWanted: boolean): void => {
      const granted = shouldGrantPermissionRequest(
        {
          permission,
          webContentsId: webContents.id,
          isMainFrame: details.isMainFrame,
          requestingUrl: details.requestingUrl,
          securityOrigin: 'securityOrigin' in details ? details.securityOrigin : undefined,
          mediaTypes: 'mediaTypes' in details ? details.mediaTypes : undefined,
          loopbackWanted,
        },
        policy,
      );
      if (!granted) log.warn('permission request refused', { permission, webContentsId: webContents.id });
      callback(granted);
    };
    if (permission !== 'display-capture' || !policy.loopbackWanted) return decide(false);
    policy.loopbackWanted().then(decide, () => decide(false));
  });
  session.setPermissionCheckHandler((webContents, permission, requestingOrigin, details) =>
    shouldGrantPermissionCheck(
      {
        permission,
        webContentsId: webContents ? webContents.id : null,
        isMainFrame: details.isMainFrame,
        requestingOrigin,
        mediaType: details.mediaType,
      },
      policy,
    ),
  );
}
