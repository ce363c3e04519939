/**
 * Main talks to a Deepgram host the key is not already bound to only after the person at the
 * computer says so, in a dialog main shows outside the window's reach. Without this, a
 * taken-over window could save a key of its own for a host of its own and have main stream
 * the microphone there, around the window's Content-Security-Policy.
 */
import { endpointHost, endpointOrigin } from '../../shared/endpoint-origin';
import { defaultSettings } from '../../shared/settings';
import { EarshotError } from '../../shared/user-facing-error';
import { errorName, type Logger } from './logger';

export interface EndpointConfirmationRequest {
  /** "dg.example.com:8443" */
  host: string;
  /** "https://dg.example.com:8443" */
  origin: string;
}

/** Shows the question natively; resolves true only when the person chose to use the host. */
export type ConfirmEndpoint = (request: EndpointConfirmationRequest) => Promise<boolean>;

export interface EndpointApproval {
  /** Resolves when main may talk to this endpoint; throws a sentence when it may not. */
  approve(endpoint: string): Promise<void>;
}

/** Approvals remembered for this run (retrying after a typo in the key asks once). */
const maxRemembered = 8;

export function createEndpointApproval(deps: {
  confirm: ConfirmEndpoint;
  /** The origin the saved key is bound to, which needs no new approval. */
  boundEndpoint: () => string | null;
  log: Logger;
}): EndpointApproval {
  const approved: string[] = [endpointOrigin(defaultSettings.endpoint)];
  let asking = false;

  return {
    async approve(endpoint) {
      const origin = endpointOrigin(endpoint);
      const bound = deps.boundEndpoint();
      if (approved.includes(origin) || (bound !== null && endpointOrigin(bound) === origin)) return;
      const host = endpointHost(endpoint);
      if (asking) {
        throw new EarshotError(
          'invalid-request',
          'Earshot is already asking whether to use a new endpoint. Answer that question first.',
        );
      }
      asking = true;
      let confirmed = false;
      try {
        confirmed = await deps.confirm({ host, origin });
      } catch (error) {
        deps.log.error('could not ask about a new endpoint', {
          errorName: errorName(error),
        });
      } finally {
        asking = false;
      }
      deps.log.info('new endpoint', { origin, confirmed });
      if (!confirmed) {
        throw new EarshotError(
          'endpoint-not-confirmed',
          `Earshot did not use ${host}, because it was not confirmed. Nothing was sent there. To use it, save the key again and choose “Use ${host}”.`,
        );
      }
      approved.push(origin);
      if (approved.length > maxRemembered) approved.splice(1, 1);
    },
  };
}
