/**
 * Typed client over window.earshot. Its calls are the bridge's, derived from the contract
 * tables: every request resolves to its value or rejects with an EarshotRequestError carrying
 * the plain sentence main chose for the user. Messages and event subscriptions pass through.
 */
import {
  eventContract,
  invokeContract,
  sendContract,
  type EarshotBridge,
  type EventSubscriptions,
  type InvokeCall,
  type InvokeMethod,
  type ResultOf,
  type SendCalls,
} from '../../shared/ipc-contract';
import {
  defaultMessages,
  userFacingError,
  type IpcResult,
  type UserFacingError,
} from '../../shared/user-facing-error';

export class EarshotRequestError extends Error {
  override name = 'EarshotRequestError';
  readonly userFacing: UserFacingError;
  constructor(userFacing: UserFacingError) {
    super(userFacing.message);
    this.userFacing = userFacing;
  }
}

export type EarshotClient = { [M in InvokeMethod]: InvokeCall<M, Promise<ResultOf<M>>> } & SendCalls &
  EventSubscriptions;

/** The user-facing error inside anything a request may throw. */
export function userFacingErrorOf(error: unknown): UserFacingError {
  if (error instanceof EarshotRequestError) return error.userFacing;
  return userFacingError('internal');
}

async function unwrap<T>(request: () => Promise<IpcResult<T>>): Promise<T> {
  let result: IpcResult<T>;
  try {
    result = await request();
  } catch {
    // The bridge itself failed (IPC torn down): there is no sentence from main to show.
    throw new EarshotRequestError(userFacingError('internal', defaultMessages.internal));
  }
  if (result.ok) return result.value;
  throw new EarshotRequestError(result.error);
}

function methods<K extends string>(table: Record<K, unknown>): K[] {
  return Object.keys(table) as K[];
}

type LooseFunction = (argument?: unknown) => unknown;

export function createEarshotClient(bridge: EarshotBridge): EarshotClient {
  // Seen without their per-method types, the bridge's functions can be wrapped in one loop.
  const bridgeFunctions = bridge as unknown as Record<string, LooseFunction>;
  const client: Record<string, LooseFunction> = {};
  for (const method of methods(invokeContract)) {
    const call = bridgeFunctions[method]!;
    client[method] = (request) => unwrap(() => call(request) as Promise<IpcResult<unknown>>);
  }
  for (const method of [...methods(sendContract), ...methods(eventContract)]) {
    const call = bridgeFunctions[method]!;
    client[method] = (argument) => call(argument);
  }
  // Every key of EarshotClient was filled from the same tables EarshotClient is derived from.
  return Object.freeze(client) as unknown as EarshotClient;
}
