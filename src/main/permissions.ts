/**
 * Electron grants every permission by default. Earshot needs exactly one: the microphone
 * (media, audio only) for our own window's main frame showing our own origin. Every other
 * request and check is refused, including the camera and screen capture.
 */
import type { Session } from 'electron';
import type { Logger } from './core/logger';
import { isSameOrigin } from './ipc/origin';

export interface PermissionPolicy {
  isTrustedWebContents: (webContentsId: number) => boolean;
  appOrigin: string;
}

export interface PermissionRequestFacts {
  permission: string;
  webContentsId: number;
  isMainFrame: boolean;
  requestingUrl: string;
  securityOrigin: string | undefined;
  mediaTypes: readonly string[] | undefined;
}

export interface PermissionCheckFacts {
  permission: string;
  webContentsId: number | null;
  isMainFrame: boolean;
  requestingOrigin: string;
  mediaType: string | undefined;
}

export function shouldGrantPermissionRequest(
  facts: PermissionRequestFacts,
  policy: PermissionPolicy,
): boolean {
  return (
    facts.permission === 'media' &&
    facts.mediaTypes !== undefined &&
    facts.mediaTypes.length === 1 &&
    facts.mediaTypes[0] === 'audio' &&
    facts.isMainFrame &&
    policy.isTrustedWebContents(facts.webContentsId) &&
    isSameOrigin(facts.requestingUrl, policy.appOrigin) &&
    (facts.securityOrigin === undefined || isSameOrigin(facts.securityOrigin, policy.appOrigin))
  );
}

export function shouldGrantPermissionCheck(facts: PermissionCheckFacts, policy: PermissionPolicy): boolean {
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
    const granted = shouldGrantPermissionRequest(
      {
        permission,
        webContentsId: webContents.id,
        isMainFrame: details.isMainFrame,
        requestingUrl: details.requestingUrl,
        securityOrigin: 'securityOrigin' in details ? details.securityOrigin : undefined,
        mediaTypes: 'mediaTypes' in details ? details.mediaTypes : undefined,
      },
      policy,
    );
    if (!granted) log.warn('permission request refused', { permission, webContentsId: webContents.id });
    callback(granted);
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
