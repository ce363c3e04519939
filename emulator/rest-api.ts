import type { IncomingMessage, ServerResponse } from 'node:http';
import { expandScopes, knownScopes, type Accounts, type ApiKey } from './accounts';
import {
  errors,
  newRequestId,
  requestIdHeaders,
  sendJson,
  sendJsonError,
  sendText,
  type DeepgramError,
} from './errors';
import type { Recorder } from './recorder';

const memberScopeSet = expandScopes(['member']);
const maxBodyBytes = 1_000_000;

class RestError extends Error {
  constructor(readonly error: DeepgramError) {
    super(error.errMsg);
  }
}

/** A plain-text 404, as Deepgram answers a project id that is not a UUID. */
class UuidError extends Error {}

interface Caller {
  kind: 'api-key' | 'access-token' | null;
  key: ApiKey | null;
}

/** Mirrors the Rust `uuid` crate's messages, which Deepgram passes through. */
function checkUuid(value: string): void {
  const invalid = /[^0-9a-fA-F-]/.exec(value);
  if (invalid) {
    throw new UuidError(
      `UUID parsing failed: invalid character: expected an optional prefix of \`urn:uuid:\` followed by [0-9a-fA-F-], found \`${invalid[0]}\` at ${invalid.index + 1}`,
    );
  }
  if (!/^[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}$/.test(value)) {
    throw new UuidError(
      `UUID parsing failed: invalid length: expected length 32 for simple format, found ${value.length}`,
    );
  }
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBodyBytes) reject(new RestError(errors.badRequest('Request body is too large.')));
      else chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

async function jsonBody(request: IncomingMessage): Promise<Record<string, unknown>> {
  const text = await readBody(request);
  if (text.trim() === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new RestError(errors.badRequest('Request body is not valid JSON.'));
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new RestError(errors.badRequest('Request body must be a JSON object.'));
  }
  return parsed as Record<string, unknown>;
}

/** The Manage API subset Earshot uses: projects, keys, and /v1/auth/grant. */
export class RestApi {
  constructor(
    private readonly accounts: Accounts,
    private readonly recorder: Recorder,
  ) {}

  async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const requestId = newRequestId();
    const url = new URL(request.url ?? '/', 'http://emulator.invalid');
    const method = request.method ?? 'GET';
    const caller: Caller = { kind: null, key: null };
    for (const [name, value] of Object.entries(requestIdHeaders(requestId))) response.setHeader(name, value);
    response.on('finish', () => {
      this.recorder.restRequests.push({
        method,
        path: url.pathname,
        status: response.statusCode,
        credentialKind: caller.kind,
        apiKeyId: caller.key?.apiKeyId ?? null,
      });
      this.recorder.changed();
    });
    try {
      await this.route(request, response, method, url, caller);
    } catch (error) {
      if (error instanceof RestError) sendJsonError(response, error.error, requestId);
      else if (error instanceof UuidError) sendText(response, 404, error.message);
      else
        sendJsonError(
          response,
          { status: 500, errCode: 'INTERNAL_SERVER_ERROR', errMsg: String(error) },
          requestId,
        );
    }
  }

  private async route(
    request: IncomingMessage,
    response: ServerResponse,
    method: string,
    url: URL,
    caller: Caller,
  ): Promise<void> {
    const parts = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
    // Ids sit at even positions under /v1/projects: /v1/projects/:/keys/:
    const isProjects = parts[0] === 'v1' && parts[1] === 'projects';
    const shape = parts.map((part, index) => (isProjects && index >= 2 && index % 2 === 0 ? ':' : part));
    const route = `${method} /${shape.join('/')}`;
    const [, , projectId, , keyId] = parts;
    const handlers: Record<string, () => Promise<void> | void> = {
      'GET /v1/projects': () => this.listProjects(response, this.authenticate(request, caller)),
      'GET /v1/projects/:': () =>
        this.getProject(response, this.authenticate(request, caller), projectId as string),
      'GET /v1/projects/:/keys': () =>
        this.listKeys(response, this.authenticate(request, caller), projectId as string, url),
      'POST /v1/projects/:/keys': async () =>
        this.createKey(
          response,
          this.authenticate(request, caller),
          projectId as string,
          await jsonBody(request),
        ),
      'GET /v1/projects/:/keys/:': () =>
        this.getKey(response, this.authenticate(request, caller), projectId as string, keyId as string),
      'DELETE /v1/projects/:/keys/:': () =>
        this.deleteKey(response, this.authenticate(request, caller), projectId as string, keyId as string),
      'POST /v1/auth/grant': async () =>
        this.grant(response, this.authenticate(request, caller), await jsonBody(request)),
    };
    const handler = handlers[route];
    if (!handler) throw new RestError(errors.notFound(`No route for ${method} ${url.pathname}.`));
    await handler();
  }

  /** Manage endpoints accept API keys only: access tokens are refused like bad keys. */
  private authenticate(request: IncomingMessage, caller: Caller): ApiKey {
    const match = /^\s*(token|bearer)\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '');
    if (!match) throw new RestError(errors.invalidAuth());
    const scheme = (match[1] as string).toLowerCase();
    const value = match[2] as string;
    if (scheme === 'bearer') {
      caller.kind = 'access-token';
      throw new RestError(errors.invalidAuth());
    }
    caller.kind = 'api-key';
    const key = this.accounts.authenticateKey(value);
    if (!key) throw new RestError(errors.invalidAuth());
    caller.key = key;
    return key;
  }

  private requireScope(key: ApiKey, scope: string): void {
    if (!key.granted.has(scope)) throw new RestError(errors.insufficientPermissions(403));
  }

  private projectOf(key: ApiKey, projectId: string): void {
    checkUuid(projectId);
    if (key.projectId !== projectId || !this.accounts.projects.has(projectId)) {
      throw new RestError(errors.projectNotFound());
    }
  }

  /** Members see only the keys they created (and themselves); admins and owners see all. */
  private canSee(caller: ApiKey, key: ApiKey): boolean {
    if (key.projectId !== caller.projectId || key.deleted) return false;
    return caller.granted.has('members:write') || key.createdBy === caller.apiKeyId || key === caller;
  }

  private listProjects(response: ServerResponse, key: ApiKey): void {
    this.requireScope(key, 'project:read');
    const project = this.accounts.projects.get(key.projectId);
    sendJson(response, 200, {
      projects: project ? [{ project_id: project.projectId, name: project.name }] : [],
    });
  }

  private getProject(response: ServerResponse, key: ApiKey, projectId: string): void {
    this.requireScope(key, 'project:read');
    this.projectOf(key, projectId);
    const project = this.accounts.projects.get(projectId);
    sendJson(response, 200, { project_id: projectId, name: project?.name ?? '' });
  }

  private listKeys(response: ServerResponse, caller: ApiKey, projectId: string, url: URL): void {
    this.projectOf(caller, projectId);
    this.requireScope(caller, 'keys:read');
    const status = url.searchParams.get('status');
    const keys = this.accounts
      .allKeys()
      .filter((key) => this.canSee(caller, key))
      .filter((key) => {
        if (status === 'active') return this.accounts.isUsable(key);
        if (status === 'expired') return !this.accounts.isUsable(key);
        return true;
      });
    sendJson(response, 200, {
      api_keys: keys.map((key) => ({ member: memberOf(key), api_key: describeKey(key) })),
    });
  }

  private getKey(response: ServerResponse, caller: ApiKey, projectId: string, keyId: string): void {
    this.projectOf(caller, projectId);
    this.requireScope(caller, 'keys:read');
    const key = this.accounts.keyById(keyId);
    if (!key || !this.canSee(caller, key)) throw new RestError(errors.notFound('API key not found.'));
    sendJson(response, 200, {
      item: {
        member: { ...memberOf(key), first_name: 'Earshot', last_name: 'Demo', api_key: describeKey(key) },
      },
    });
  }

  private deleteKey(response: ServerResponse, caller: ApiKey, projectId: string, keyId: string): void {
    this.projectOf(caller, projectId);
    this.requireScope(caller, 'keys:write');
    const key = this.accounts.keyById(keyId);
    if (!key || !this.canSee(caller, key)) throw new RestError(errors.notFound('API key not found.'));
    key.deleted = true;
    sendJson(response, 200, { message: 'Successfully deleted the API key!' });
  }

  private createKey(
    response: ServerResponse,
    caller: ApiKey,
    projectId: string,
    body: Record<string, unknown>,
  ): void {
    this.projectOf(caller, projectId);
    this.requireScope(caller, 'keys:write');
    const { comment, scopes, tags, expiration_date: expirationDate, time_to_live_in_seconds: ttl } = body;
    if (typeof comment !== 'string') throw new RestError(errors.badRequest('comment is required.'));
    if (
      !Array.isArray(scopes) ||
      scopes.length === 0 ||
      !scopes.every((scope) => typeof scope === 'string')
    ) {
      throw new RestError(errors.badRequest('scopes must be a non-empty list of strings.'));
    }
    const unknown = scopes.find((scope) => !knownScopes.has(scope));
    if (unknown !== undefined) throw new RestError(errors.badRequest(`Unknown scope: ${unknown}.`));
    if ([...expandScopes(scopes)].some((scope) => !caller.granted.has(scope))) {
      throw new RestError(errors.insufficientPermissions(403));
    }
    if (tags !== undefined && (!Array.isArray(tags) || !tags.every((tag) => typeof tag === 'string'))) {
      throw new RestError(errors.badRequest('tags must be a list of strings.'));
    }
    const expiresAt = this.expiry(expirationDate, ttl);
    const key = this.accounts.createKey({
      projectId,
      scopes: scopes as string[],
      comment,
      tags: (tags as string[] | undefined) ?? [],
      createdBy: caller.apiKeyId,
      ...(expiresAt ? { expiresAt } : {}),
    });
    sendJson(response, 200, {
      api_key_id: key.apiKeyId,
      key: key.secret,
      comment: key.comment,
      scopes: key.scopes,
      tags: key.tags,
      ...(key.expiresAt ? { expiration_date: key.expiresAt.toISOString() } : {}),
      created: key.created.toISOString(),
    });
  }

  private expiry(expirationDate: unknown, ttl: unknown): Date | undefined {
    if (expirationDate !== undefined && ttl !== undefined) {
      throw new RestError(
        errors.badRequest('Provide either expiration_date or time_to_live_in_seconds, not both.'),
      );
    }
    if (ttl !== undefined) {
      if (typeof ttl !== 'number' || !Number.isInteger(ttl) || ttl < 1) {
        throw new RestError(errors.badRequest('time_to_live_in_seconds must be a positive integer.'));
      }
      return new Date(Date.now() + ttl * 1000);
    }
    if (expirationDate !== undefined) {
      const date = typeof expirationDate === 'string' ? new Date(expirationDate) : new Date(Number.NaN);
      if (Number.isNaN(date.getTime())) {
        throw new RestError(errors.badRequest('expiration_date must be an ISO 8601 date.'));
      }
      if (date.getTime() <= Date.now())
        throw new RestError(errors.badRequest('expiration_date must be in the future.'));
      return date;
    }
    return undefined;
  }

  private grant(response: ServerResponse, key: ApiKey, body: Record<string, unknown>): void {
    if ([...memberScopeSet].some((scope) => !key.granted.has(scope))) throw new RestError(errors.forbidden());
    const ttl = body.ttl_seconds ?? 30;
    if (typeof ttl !== 'number' || !Number.isInteger(ttl) || ttl < 1 || ttl > 3600) {
      throw new RestError(errors.badRequest('ttl_seconds must be an integer between 1 and 3600.'));
    }
    sendJson(response, 200, { access_token: this.accounts.issueToken(key, ttl), expires_in: ttl });
  }
}

function memberOf(key: ApiKey): { member_id: string; email: string } {
  return { member_id: key.createdBy ?? key.apiKeyId, email: 'demo@earshot.invalid' };
}

function describeKey(key: ApiKey): Record<string, unknown> {
  return {
    api_key_id: key.apiKeyId,
    comment: key.comment,
    scopes: key.scopes,
    tags: key.tags,
    ...(key.expiresAt ? { expiration_date: key.expiresAt.toISOString() } : {}),
    created: key.created.toISOString(),
  };
}
