/**
 * A saved key is bound to the origin (scheme, host, port) of the endpoint it was checked
 * against; these helpers compare endpoints the way that binding does. Inputs are endpoint
 * URLs that already passed the settings validator.
 */
export function endpointOrigin(endpoint: string): string {
  return new URL(endpoint).origin;
}

/** The host as people read it: "api.deepgram.com", "127.0.0.1:8787". */
export function endpointHost(endpoint: string): string {
  return new URL(endpoint).host;
}

export function sameEndpointOrigin(a: string, b: string): boolean {
  return endpointOrigin(a) === endpointOrigin(b);
}
