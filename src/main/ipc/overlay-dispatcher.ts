/**
 * The gate between the caption overlay and main: the overlay's own contract only, from the
 * overlay window only (its webContents, its main frame, our origin, the overlay's page), with
 * every payload validated. Like the main dispatcher, it never throws back at the transport
 * and never logs a payload.
 */
import { isSameOrigin } from './origin';
import type { IpcSenderIdentity } from './ipc-dispatcher';
import { errorName, type Logger } from '../core/logger';
import {
  overlayInvokeContract,
  overlayPagePath,
  type OverlayInvokeHandlers,
  type OverlayInvokeMethod,
  type OverlayRequestOf,
  type OverlayResultOf,
} from '../../shared/overlay-contract';
import { EarshotError, userFacingError, type IpcResult } from '../../shared/user-facing-error';
import { ValidationError } from '../../shared/validation';

export interface OverlayDispatcher {
  readonly invokeChannels: readonly string[];
  handleInvoke(channel: string, payload: unknown, sender: IpcSenderIdentity): Promise<IpcResult<unknown>>;
}

const methodByChannel = new Map<string, OverlayInvokeMethod>(
  Object.entries(overlayInvokeContract).map(([method, entry]) => [
    entry.channel,
    method as OverlayInvokeMethod,
  ]),
);

/** Only the overlay window's main frame, showing the overlay page at our origin. */
export function createOverlaySenderCheck(options: {
  overlayWebContentsId: () => number | null;
  appOrigin: string;
}): (sender: IpcSenderIdentity) => boolean {
  return (sender) => {
    const id = options.overlayWebContentsId();
    if (id === null || sender.webContentsId !== id || !sender.isMainFrame) return false;
    if (!isSameOrigin(sender.frameUrl, options.appOrigin)) return false;
    try {
      return new URL(sender.frameUrl ?? '').pathname === overlayPagePath;
    } catch {
      return false;
    }
  };
}

function call<M extends OverlayInvokeMethod>(
  handlers: OverlayInvokeHandlers,
  method: M,
  payload: unknown,
): Promise<OverlayResultOf<M>> {
  // The table pairs each method with its validator; TypeScript cannot follow the pairing through a generic key.
  const request = overlayInvokeContract[method].request(payload, 'request') as OverlayRequestOf<M>;
  const handler = handlers[method] as (request: OverlayRequestOf<M>) => Promise<OverlayResultOf<M>>;
  return handler(request);
}

export function createOverlayDispatcher(options: {
  handlers: OverlayInvokeHandlers;
  isTrustedSender: (sender: IpcSenderIdentity) => boolean;
  log: Logger;
}): OverlayDispatcher {
  const { handlers, isTrustedSender, log } = options;
  let refused = 0;
  const refuse = (): IpcResult<never> => {
    refused += 1;
    // The first refusal and then every hundredth: a hostile page cannot fill the log.
    if (refused === 1 || refused % 100 === 0) log.warn('overlay messages refused', { refused });
    return { ok: false, error: userFacingError('invalid-request') };
  };
  return {
    invokeChannels: [...methodByChannel.keys()],
    async handleInvoke(channel, payload, sender) {
      const method = methodByChannel.get(channel);
      if (!method) return refuse();
      try {
        if (!isTrustedSender(sender)) return refuse();
      } catch {
        return refuse();
      }
      try {
        return { ok: true, value: await call(handlers, method, payload) };
      } catch (error) {
        if (error instanceof ValidationError) return refuse();
        if (error instanceof EarshotError) return { ok: false, error: error.userFacing };
        log.error('overlay handler failed', { channel, errorName: errorName(error) });
        return { ok: false, error: userFacingError('internal') };
      }
    },
  };
}
