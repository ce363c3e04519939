/**
 * The gate between the renderer and main's handlers. Electron-free, so the browser test
 * harness runs the same gate over its emulated IPC transport.
 *
 * For every message: the sender must be trusted (our window, its main frame, our origin),
 * the channel must be in the contract, and the payload must pass the contract's validator.
 * Every throw becomes an IpcResult; nothing here ever rejects or throws back at Electron.
 * Refusals are counted per channel and summarised (refusal-tally.ts), never logged one by
 * one; handler failures are logged with the channel. Neither ever carries the payload,
 * because a payload may be an API key or someone's speech.
 */
import type { InvokeHandlers, SendHandlers } from '../core/handler-types';
import { errorName, type Logger } from '../core/logger';
import {
  invokeContract,
  sendContract,
  type InvokeMethod,
  type RequestOf,
  type ResultOf,
  type SendMethod,
  type SendPayloadOf,
} from '../../shared/ipc-contract';
import { settingAt } from '../../shared/settings-labels';
import { EarshotError, userFacingError, type IpcResult } from '../../shared/user-facing-error';
import { ValidationError, validationSentence } from '../../shared/validation';
import { createAudioRateGuard, type AudioRateGuard } from './audio-rate-guard';
import { createRefusalTally, type RefusalTally, type RefusalTallyOptions } from './refusal-tally';

/** Who sent a message, as Electron reports it (see ipc-wiring.ts). */
export interface IpcSenderIdentity {
  webContentsId: number;
  /** URL of the sending frame; null when the frame has navigated away or been destroyed. */
  frameUrl: string | null;
  isMainFrame: boolean;
}

export interface IpcDispatcher {
  readonly invokeChannels: readonly string[];
  readonly sendChannels: readonly string[];
  handleInvoke(channel: string, payload: unknown, sender: IpcSenderIdentity): Promise<IpcResult<unknown>>;
  handleSend(channel: string, payload: unknown, sender: IpcSenderIdentity): void;
}

export interface IpcDispatcherOptions {
  invokeHandlers: InvokeHandlers;
  sendHandlers: SendHandlers;
  isTrustedSender: (sender: IpcSenderIdentity) => boolean;
  log: Logger;
  /** Replaceable for tests that drive the clock. */
  audioRateGuard?: AudioRateGuard;
  /** How refusals are summarised: tests pass their own timer and clock. */
  refusalSummary?: Omit<RefusalTallyOptions, 'log'>;
}

const invokeMethodByChannel = new Map<string, InvokeMethod>(
  Object.entries(invokeContract).map(([method, entry]) => [entry.channel, method as InvokeMethod]),
);
const sendMethodByChannel = new Map<string, SendMethod>(
  Object.entries(sendContract).map(([method, entry]) => [entry.channel, method as SendMethod]),
);

/** What a refusal calls the contract's own fields; settings use the settings labels. */
const contractFieldSubjects: Record<string, string> = {
  key: 'The API key',
  persistence: 'Key storage',
  paused: 'The pause switch',
  id: 'The session id',
  problem: 'The capture problem',
};

/**
 * The sentence a refused payload gets, from the error's path and expectation only. A path
 * holds contract names (an unknown field is reported on its parent), and even so the subject
 * comes from a table here, so nothing the sender chose can reach the sentence.
 */
function refusalSentence(error: ValidationError): string {
  const setting = settingAt(error.path);
  if (setting) return validationSentence(error, setting.subject);
  const field = error.path[1];
  const subject =
    typeof field === 'string' && Object.hasOwn(contractFieldSubjects, field)
      ? contractFieldSubjects[field]
      : undefined;
  return validationSentence(error, subject ?? (error.path[0] === 'payload' ? 'The message' : 'The request'));
}

function refusal(message?: string): IpcResult<never> {
  return { ok: false, error: userFacingError('invalid-request', message) };
}

function validateInvoke<M extends InvokeMethod>(method: M, payload: unknown): RequestOf<M> {
  // The contract pairs each method with its validator; TypeScript cannot follow the pairing
  // through an indexed access on a generic key, so the result is narrowed here once.
  return invokeContract[method].request(payload, 'request') as RequestOf<M>;
}

function callInvoke<M extends InvokeMethod>(
  handlers: InvokeHandlers,
  method: M,
  request: RequestOf<M>,
): Promise<ResultOf<M>> {
  const handler = handlers[method] as (request: RequestOf<M>) => Promise<ResultOf<M>>;
  return handler(request);
}

function validateSend<M extends SendMethod>(method: M, payload: unknown): SendPayloadOf<M> {
  return sendContract[method].request(payload, 'payload') as SendPayloadOf<M>;
}

function callSend<M extends SendMethod>(handlers: SendHandlers, method: M, payload: SendPayloadOf<M>): void {
  const handler = handlers[method] as (payload: SendPayloadOf<M>) => void;
  handler(payload);
}

/**
 * Handlers' own refusals that a window can repeat as fast as it likes: counted with the
 * dispatcher's refusals instead of a line each. Other handler errors (a bad key, a lost
 * connection, a bug) explain what the user met: the first few of each kind per interval are
 * logged, the rest counted.
 */
const summarisedRefusalCodes: ReadonlySet<string> = new Set(['invalid-request', 'rate-limited', 'not-found']);

export function createIpcDispatcher(options: IpcDispatcherOptions): IpcDispatcher {
  const { invokeHandlers, sendHandlers, isTrustedSender, log } = options;
  const audioRateGuard = options.audioRateGuard ?? createAudioRateGuard();
  const refusals: RefusalTally = createRefusalTally({ ...options.refusalSummary, log });
  let droppedSinceLastAdmitted = 0;

  function senderIsTrusted(channel: string, sender: IpcSenderIdentity): boolean {
    try {
      if (isTrustedSender(sender)) return true;
      refusals.count(channel, 'untrustedSender');
    } catch {
      refusals.count(channel, 'senderCheckFailed');
    }
    return false;
  }

  function admitAudio(frame: ArrayBuffer): boolean {
    if (audioRateGuard.admit(frame.byteLength)) {
      if (droppedSinceLastAdmitted > 0) {
        log.info('audio frames accepted again after rate limiting', {
          droppedFrames: droppedSinceLastAdmitted,
        });
        droppedSinceLastAdmitted = 0;
      }
      return true;
    }
    droppedSinceLastAdmitted += 1;
    if (droppedSinceLastAdmitted === 1) {
      log.warn('audio frames arriving faster than twice real time are being dropped', {
        droppedFramesTotal: audioRateGuard.droppedFrames(),
      });
    }
    return false;
  }

  function failure(channel: string, error: unknown): IpcResult<never> {
    if (error instanceof EarshotError) {
      const { code } = error.userFacing;
      if (summarisedRefusalCodes.has(code)) refusals.count(channel, 'refusedByHandler');
      else if (refusals.shouldLogHandlerError(channel, code))
        log.info('ipc handler reported a user-facing error', { channel, code });
      return { ok: false, error: error.userFacing };
    }
    if (error instanceof ValidationError) {
      refusals.count(channel, 'invalidPayload');
      return refusal(refusalSentence(error));
    }
    // Only the error's name: a message from deep inside a library may quote what it was given.
    const name = errorName(error);
    if (refusals.shouldLogHandlerError(channel, name))
      log.error('ipc handler failed', { channel, errorName: name });
    return { ok: false, error: userFacingError('internal') };
  }

  return {
    invokeChannels: [...invokeMethodByChannel.keys()],
    sendChannels: [...sendMethodByChannel.keys()],

    async handleInvoke(channel, payload, sender) {
      const method = invokeMethodByChannel.get(channel);
      if (!method) {
        refusals.count(null, 'unknownChannel');
        return refusal();
      }
      if (!senderIsTrusted(channel, sender)) return refusal();
      let request: RequestOf<typeof method>;
      try {
        request = validateInvoke(method, payload);
      } catch (error) {
        return failure(channel, error);
      }
      try {
        return { ok: true, value: await callInvoke(invokeHandlers, method, request) };
      } catch (error) {
        return failure(channel, error);
      }
    },

    handleSend(channel, payload, sender) {
      const method = sendMethodByChannel.get(channel);
      if (!method) {
        refusals.count(null, 'unknownChannel');
        return;
      }
      if (!senderIsTrusted(channel, sender)) return;
      try {
        if (method === 'sendAudio') {
          const frame = validateSend('sendAudio', payload);
          if (admitAudio(frame)) callSend(sendHandlers, 'sendAudio', frame);
        } else {
          callSend(sendHandlers, method, validateSend(method, payload));
        }
      } catch (error) {
        failure(channel, error);
      }
    },
  };
}
