/**
 * Electron asks main's permission request handler; Chromium under Playwright asks the
 * context's permission overrides. The harness puts main's decision into the context: it asks
 * Earshot's own policy (src/main/permissions.ts) whether this window's main frame may open
 * the microphone (media, audio only) and grants 'microphone' for the origin only if so. With
 * no grant, getUserMedia rejects with NotAllowedError, as it does when Electron's handler
 * calls back false.
 */
import type { BrowserContext } from '@playwright/test';
import { shouldGrantPermissionRequest } from '../../../src/main/permissions';

export type MicrophoneDecision = 'app-policy' | 'denied';

export async function applyPermissionPolicy(
  context: BrowserContext,
  options: { appOrigin: string; webContentsId: number; decision: MicrophoneDecision },
): Promise<boolean> {
  const granted =
    options.decision === 'app-policy' &&
    shouldGrantPermissionRequest(
      {
        permission: 'media',
        webContentsId: options.webContentsId,
        isMainFrame: true,
        requestingUrl: `${options.appOrigin}/index.html`,
        securityOrigin: options.appOrigin,
        mediaTypes: ['audio'],
      },
      { isTrustedWebContents: (id) => id === options.webContentsId, appOrigin: options.appOrigin },
    );
  await context.clearPermissions();
  if (granted) await context.grantPermissions(['microphone'], { origin: options.appOrigin });
  return granted;
}
