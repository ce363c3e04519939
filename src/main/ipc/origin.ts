/**
 * Origins compared by parsed scheme and host, never by string prefix: a prefix test would let
 * https://earshot.example.attacker.test through. Node's URL reports the origin of a custom
 * scheme such as app://earshot as "null", so the origin is rebuilt from protocol and host.
 */
export const appScheme = 'app';
export const appHost = 'earshot';
export const packagedAppOrigin = `${appScheme}://${appHost}`;

export function originOf(url: string | null | undefined): string | null {
  if (!url) return null;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (!parsed.host) return null;
  return `${parsed.protocol}//${parsed.host}`.toLowerCase();
}

export function isSameOrigin(url: string | null | undefined, origin: string): boolean {
  const actual = originOf(url);
  return actual !== null && actual === originOf(origin);
}
