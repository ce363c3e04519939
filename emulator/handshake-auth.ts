import type { IncomingMessage } from 'node:http';

/** How a client presented its credential at the /v1/listen handshake. */
export interface PresentedCredential {
  scheme: 'token' | 'bearer';
  value: string;
  via: 'header' | 'subprotocol';
  /** The subprotocol to echo in the 101 (subprotocol auth only). */
  protocol?: string;
}

/** Parses `Authorization: Token|Bearer <value>` with a case-insensitive scheme. */
export function credentialFromAuthorization(header: string | undefined): PresentedCredential | undefined {
  const match = /^\s*(token|bearer)\s+(\S+)\s*$/i.exec(header ?? '');
  if (!match) return undefined;
  const scheme = (match[1] as string).toLowerCase() as 'token' | 'bearer';
  return { scheme, value: match[2] as string, via: 'header' };
}

/** Parses `Sec-WebSocket-Protocol: token, <KEY>, …` or `bearer, <JWT>, …` as browsers send it. */
export function credentialFromSubprotocols(header: string | undefined): PresentedCredential | undefined {
  const protocols = (header ?? '')
    .split(',')
    .map((protocol) => protocol.trim())
    .filter((protocol) => protocol.length > 0);
  for (let index = 0; index < protocols.length - 1; index += 1) {
    const protocol = protocols[index] as string;
    const scheme = protocol.toLowerCase();
    if (scheme === 'token' || scheme === 'bearer') {
      return { scheme, value: protocols[index + 1] as string, via: 'subprotocol', protocol };
    }
  }
  return undefined;
}

/** The Authorization header wins over subprotocols when a client sends both. */
export function presentedCredential(request: IncomingMessage): PresentedCredential | undefined {
  return (
    credentialFromAuthorization(request.headers.authorization) ??
    credentialFromSubprotocols(request.headers['sec-websocket-protocol'])
  );
}
