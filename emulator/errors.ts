import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';

/** Deepgram's legacy error body, used by /v1/listen refusals and the Manage API. */
export interface DeepgramErrorBody {
  err_code: string;
  err_msg: string;
  request_id: string;
}

/** An error the emulator answers with, before it is given a request id. */
export interface DeepgramError {
  status: number;
  errCode: string;
  errMsg: string;
}

export function newRequestId(): string {
  return randomUUID();
}

export const errors = {
  invalidAuth: (): DeepgramError => ({
    status: 401,
    errCode: 'INVALID_AUTH',
    errMsg: 'Invalid credentials.',
  }),
  insufficientPermissions: (status = 401): DeepgramError => ({
    status,
    errCode: 'INSUFFICIENT_PERMISSIONS',
    errMsg: 'User does not have sufficient permissions.',
  }),
  forbidden: (): DeepgramError => ({
    status: 403,
    errCode: 'FORBIDDEN',
    errMsg: 'Insufficient permissions.',
  }),
  paymentRequired: (): DeepgramError => ({
    status: 402,
    errCode: 'ASR_PAYMENT_REQUIRED',
    errMsg: 'Project does not have enough credits for an ASR request and does not have an overage agreement.',
  }),
  tooManyRequests: (): DeepgramError => ({
    status: 429,
    errCode: 'TOO_MANY_REQUESTS',
    errMsg: 'Too many requests. Please try again later',
  }),
  serviceUnavailable: (): DeepgramError => ({
    status: 503,
    errCode: 'SERVICE_UNAVAILABLE',
    errMsg: 'The service is temporarily unavailable. Please try again later.',
  }),
  invalidQuery: (errMsg: string): DeepgramError => ({
    status: 400,
    errCode: 'INVALID_QUERY_PARAMETER',
    errMsg,
  }),
  badRequest: (errMsg: string): DeepgramError => ({ status: 400, errCode: 'BAD_REQUEST', errMsg }),
  projectNotFound: (): DeepgramError => ({
    status: 404,
    errCode: 'PROJECT_NOT_FOUND',
    errMsg: 'Project not found.',
  }),
  notFound: (errMsg: string): DeepgramError => ({ status: 404, errCode: 'NOT_FOUND', errMsg }),
  methodNotAllowed: (): DeepgramError => ({
    status: 405,
    errCode: 'METHOD_NOT_ALLOWED',
    errMsg: 'Method not allowed.',
  }),
};

/** The error a fault injects for a refused handshake of the given status. */
export function errorForStatus(status: number): DeepgramError {
  switch (status) {
    case 401:
      return errors.invalidAuth();
    case 402:
      return errors.paymentRequired();
    case 403:
      return errors.forbidden();
    case 429:
      return errors.tooManyRequests();
    case 503:
      return errors.serviceUnavailable();
    default:
      return { status, errCode: 'INTERNAL_SERVER_ERROR', errMsg: 'Internal server error.' };
  }
}

export function errorBody(error: DeepgramError, requestId: string): DeepgramErrorBody {
  return { err_code: error.errCode, err_msg: error.errMsg, request_id: requestId };
}

const statusTexts: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  402: 'Payment Required',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export function requestIdHeaders(requestId: string): Record<string, string> {
  return { 'dg-request-id': requestId, 'x-request-id': requestId };
}

/** Refuses a WebSocket upgrade with a real HTTP response, as Deepgram does (no 101). */
export function refuseUpgrade(socket: Duplex, error: DeepgramError, requestId: string): void {
  const body = JSON.stringify(errorBody(error, requestId));
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'content-length': String(Buffer.byteLength(body)),
    ...requestIdHeaders(requestId),
    'dg-error': error.errMsg,
    connection: 'close',
  };
  const head = [`HTTP/1.1 ${error.status} ${statusTexts[error.status] ?? 'Error'}`]
    .concat(Object.entries(headers).map(([name, value]) => `${name}: ${value}`))
    .join('\r\n');
  socket.end(`${head}\r\n\r\n${body}`);
}

export function sendJsonError(response: ServerResponse, error: DeepgramError, requestId: string): void {
  sendJson(response, error.status, errorBody(error, requestId), { 'dg-error': error.errMsg });
}

export function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  extraHeaders: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json', ...extraHeaders });
  response.end(text);
}

export function sendText(response: ServerResponse, status: number, text: string): void {
  response.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
  response.end(text);
}
