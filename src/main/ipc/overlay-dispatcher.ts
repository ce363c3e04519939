/**
 * The gate between the caption overlay and main: the overlay's own contract only, from the
 * overlay window only (its webContents, its main frame, our origin, the overlay's page), with
 * every payload validated. Like the main dispatcher, it never throws back at the transport
 * and never logs a payload.
 */
import { isSameOrigin } from './origin';
import type { IpcSenderIdentity } from './ipc-dispatcher';
import { errorName, type Logger } from '../core/logger';
import { createRefusalTally, type RefusalReason, type RefusalTallyOptions } from './refusal-tally';
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
  /** How refusals are summarised (tests drive the interval); see refusal-tally.ts. */
  refusalSummary?: Omit<RefusalTallyOptions, 'log'>;
}): OverlayDispatcher {
  const { handlers, isTrustedSender, log } = options;
  // Counted per channel and logged as one summary line a minute, as the main dispatcher does.
  const refusals = createRefusalTally({ ...options.refusalSummary, log });
  const refuse = (channel: string | null, reason: RefusalReason): IpcResult<never> => {
    refusals.count(channel, reason);
    return { ok: false, error: userFacingError('invalid-request') };
  };
  return {
    invokeChannels: [...methodByChannel.keys()],
    async handleInvoke(channel, payload, sender) {
      const method = methodByChannel.get(channel);
      if (!method) return refuse(null, 'unknownChannel');
      try {
        if (!isTrustedSender(sender)) return refuse(channel, 'untrustedSender');
      } catch {
        return refuse(channel, 'senderCheckFailed');
      }
      try {
        return { ok: true, value: await call(handlers, method, payload) };
      } catch (error) {
        if (error instanceof ValidationError) return refuse(channel, 'invalidPayload');
        if (error instanceof EarshotError) return { ok: false, error: error.userFacing };
        const name = errorName(error);
        if (refusals.shouldLogHandlerError(channel, name))
          log.error('overlay handler failed', { channel, errorName: name });
        return { ok: false, error: userFacingError('internal') };
      }
    },
  };
}
