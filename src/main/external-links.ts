/**
 * The only URLs Earshot opens in the user's browser: https pages on Deepgram's console and
 * documentation sites, compared by parsed origin. Everything else is refused and logged.
 */
import type { Shell } from 'electron';
import { errorName, type Logger } from './core/logger';

const externalLinkOrigins: readonly string[] = [
  'https://console.deepgram.com',
  'https://developers.deepgram.com',
  'https://deepgram.com',
];

export function isAllowedExternalUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return (
    parsed.protocol === 'https:' &&
    parsed.username === '' &&
    parsed.password === '' &&
    externalLinkOrigins.includes(parsed.origin)
  );
}

export function openExternalIfAllowed(shell: Pick<Shell, 'openExternal'>, url: string, log: Logger): boolean {
  if (!isAllowedExternalUrl(url)) {
    log.warn('refused to open a link that is not on the allowlist', { origin: safeOrigin(url) });
    return false;
  }
  const href = new URL(url).href;
  // OPEN_EXTERNAL_JS_CHECK: reviewed. Only https URLs whose parsed origin is on the allowlist
  // above reach this call (test/unit/main/shell-policies.test.ts).
  const opening = shell.openExternal(href); /* eng-disable OPEN_EXTERNAL_JS_CHECK */
  opening.catch((error: unknown) => {
    log.warn('could not open link in the browser', {
      errorName: errorName(error),
    });
  });
  return true;
}

function safeOrigin(url: string): string | null {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}
