/** The endpoint setting's validator: which base URLs Earshot may talk to at all. */
import { string, ValidationError, type Validator } from './validation';

const loopbackHosts = new Set(['localhost', '[::1]', '::1']);

export function isLoopbackHost(hostname: string): boolean {
  return loopbackHosts.has(hostname) || /^127(\.\d{1,3}){3}$/.test(hostname);
}

/**
 * https/wss anywhere; plain http/ws only on this machine, where nothing can be overheard.
 * Returns the normalized base URL (no trailing slash).
 */
export const endpointUrl: Validator<string> = (value, path) => {
  const text = string({ minLength: 1, maxLength: 2048 })(value, path).trim();
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new ValidationError({ path, expectation: 'a URL such as https://api.deepgram.com' });
  }
  const secure = url.protocol === 'https:' || url.protocol === 'wss:';
  const plain = url.protocol === 'http:' || url.protocol === 'ws:';
  if (!secure && !plain)
    throw new ValidationError({ path, expectation: 'a URL that starts with https:// or wss://' });
  if (plain && !isLoopbackHost(url.hostname)) {
    throw new ValidationError({
      path,
      expectation: 'an https:// or wss:// URL (plain http:// only for localhost)',
      sentence: 'Endpoint URL must use https:// or wss://; plain http:// is allowed only for localhost.',
    });
  }
  if (url.username || url.password)
    throw new ValidationError({ path, expectation: 'a URL without a user name or password' });
  if (url.search || url.hash)
    throw new ValidationError({ path, expectation: 'a URL without a query or fragment' });
  const normalizedProtocol =
    url.protocol === 'wss:' ? 'https:' : url.protocol === 'ws:' ? 'http:' : url.protocol;
  return `${normalizedProtocol}//${url.host}${url.pathname.replace(/\/+$/, '')}`;
};
