/**
 * The gate between the renderer and main's handlers. Electron-free, so the browser test
 * harness runs the same gate over its emulated IPC transport.
 *
 * For every message: the sender must be trusted (our window, its main frame, our origin),
 * the channel must be in the contract, and the payload must pass the contract's validator.
 * Every throw becomes an IpcResult; nothing here ever rejects or throws back at Electron.
 * Refusals and failures are logged with the channel and sender, never with the payload,
 * because a payload may be an API key or someone's speech.
 */
import type { InvokeHandlers, SendHandlers } from '../core/handler-types';
import type { Logger } from '../core/logger';
import {
  invokeContract,
  sendContract,
  type InvokeMethod,
  type RequestOf,
  type ResultOf,
  type SendMethod,
  type SendPayloadOf,
} from '../../shared/ipc-contract';
import { defaultSettings } from '../../shared/settings';
import { EarshotError, userFacingError, type IpcResult } from '../../shared/user-facing-error';
import { ValidationError } from '../../shared/validation';
import { createAudioRateGuard, type AudioRateGuard } from './audio-rate-guard';
import { originOf } from './origin';

/** Who sent a message, as Electron reports it (see electron-ipc-main.ts). */
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
}

const invokeMethodByChannel = new Map<string, InvokeMethod>(
  Object.entries(invokeContract).map(([method, entry]) => [entry.channel, method as InvokeMethod]),
);
const sendMethodByChannel = new Map<string, SendMethod>(
  Object.entries(sendContract).map(([method, entry]) => [entry.channel, method as SendMethod]),
);

/** Log fields that describe a sender without anything it chose to send. */
function describeSender(sender: IpcSenderIdentity) {
  return {
    webContentsId: sender.webContentsId,
    frameOrigin: originOf(sender.frameUrl),
    isMainFrame: sender.isMainFrame,
  };
}

/** Every field name the contract's payloads may carry. */
const knownFieldNames = new Set([
  'request',
  'payload',
  'key',
  'persistence',
  'paused',
  'id',
  'problem',
  ...Object.keys(defaultSettings),
]);

/**
 * A validator's sentence names the offending field, and an unknown field's name was chosen
 * by the sender: it could be anything, even a key. Names the contract does not know are
 * replaced before the sentence is logged or returned.
 */
function withoutUnknownFieldNames(message: string): string {
  const split = message.indexOf(' must ');
  // Only the contract validators' sentences start with the payload's root; a handler's own
  // sentence ("Endpoint URL must use https://") is left as written.
  if (split < 0 || !/^(request|payload)([.[]|$)/.test(message)) return message;
  const path = message
    .slice(0, split)
    .split('.')
    .map((segment) => {
      const name = segment.replace(/(\[\d+\])+$/, '');
      return knownFieldNames.has(name) ? segment : '(unknown)';
    })
    .join('.');
  return path + message.slice(split);
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

export function createIpcDispatcher(options: IpcDispatcherOptions): IpcDispatcher {
  const { invokeHandlers, sendHandlers, isTrustedSender, log } = options;
  const audioRateGuard = options.audioRateGuard ?? createAudioRateGuard();
  let droppedSinceLastAdmitted = 0;

  function senderIsTrusted(channel: string, sender: IpcSenderIdentity): boolean {
    let trusted = false;
    try {
      trusted = isTrustedSender(sender);
    } catch (error) {
      log.error('ipc sender check failed', { channel, errorName: errorName(error) });
    }
    if (!trusted) log.warn('ipc refused: untrusted sender', { channel, ...describeSender(sender) });
    return trusted;
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
      log.info('ipc handler reported a user-facing error', { channel, code: error.userFacing.code });
      return { ok: false, error: error.userFacing };
    }
    if (error instanceof ValidationError) {
      const reason = withoutUnknownFieldNames(error.message);
      log.warn('ipc refused: invalid payload', { channel, reason });
      return refusal(reason);
    }
    // Only the error's name: a message from deep inside a library may quote what it was given.
    log.error('ipc handler failed', { channel, errorName: errorName(error) });
    return { ok: false, error: userFacingError('internal') };
  }

  return {
    invokeChannels: [...invokeMethodByChannel.keys()],
    sendChannels: [...sendMethodByChannel.keys()],

    async handleInvoke(channel, payload, sender) {
      const method = invokeMethodByChannel.get(channel);
      if (!method) {
        log.warn('ipc refused: unknown invoke channel', { channel: String(channel).slice(0, 100) });
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
        log.warn('ipc refused: unknown send channel', { channel: String(channel).slice(0, 100) });
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

function errorName(error: unknown): string {
  return error instanceof Error ? error.name : typeof error;
}
