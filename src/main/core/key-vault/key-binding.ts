/**
 * A saved key is bound to the origin of the endpoint it was checked with: main sends it, and
 * anything minted from it, nowhere else. This is where that is refused, before anything is sent.
 */
import { endpointHost, endpointOrigin, sameEndpointOrigin } from '../../../shared/endpoint-origin';
import { EarshotError } from '../../../shared/user-facing-error';
import type { Logger } from '../logger';
import type { KeyRecord } from './key-metadata';

/** Throws 'key-other-endpoint' unless `record` (the key's binding) covers `endpoint`. */
export function assertBoundTo(record: KeyRecord | null, endpoint: string, log: Logger): KeyRecord {
  if (!record) {
    throw new EarshotError(
      'key-other-endpoint',
      'Earshot does not know which endpoint this key was checked with. Save the key again on the Settings screen.',
    );
  }
  if (!sameEndpointOrigin(record.endpoint, endpoint)) {
    log.warn('refused to send the key to another origin', {
      keyOrigin: endpointOrigin(record.endpoint),
      requestedOrigin: endpointOrigin(endpoint),
    });
    throw new EarshotError('key-other-endpoint', otherEndpointSentence(record.endpoint, endpoint));
  }
  return record;
}

export function otherEndpointSentence(keyEndpoint: string, requestedEndpoint: string): string {
  const keyHost = endpointHost(keyEndpoint);
  const requestedHost = endpointHost(requestedEndpoint);
  const [saved, wanted] =
    keyHost === requestedHost
      ? [endpointOrigin(keyEndpoint), endpointOrigin(requestedEndpoint)]
      : [keyHost, requestedHost];
  return `The key was saved for ${saved}. Save it again to use it with ${wanted}.`;
}
