import type {
  EventMethod,
  EventPayloadOf,
  InvokeMethod,
  RequestOf,
  ResultOf,
  SendMethod,
  SendPayloadOf,
} from '../../shared/ipc-contract';

/**
 * What main does for each contract entry. Handlers receive payloads that the dispatcher
 * has already validated against the contract; they throw EarshotError for failures the
 * user should read.
 */
export type InvokeHandlers = { [M in InvokeMethod]: (request: RequestOf<M>) => Promise<ResultOf<M>> };

export type SendHandlers = { [M in SendMethod]: (payload: SendPayloadOf<M>) => void };

/** Main → renderer events, addressed to our window by whoever wires the core. */
export type EventSink = <M extends EventMethod>(method: M, payload: EventPayloadOf<M>) => void;
