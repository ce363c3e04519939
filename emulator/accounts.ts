import { createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';

const memberScopes = [
  'project:read',
  'project:write',
  'keys:read',
  'keys:write',
  'usage:read',
  'usage:write',
];
const adminScopes = [...memberScopes, 'members:read', 'members:write', 'billing:read'];
const ownerScopes = [...adminScopes, 'billing:write', 'project:write:destroy'];

const roleScopes: Record<string, readonly string[]> = {
  member: memberScopes,
  admin: adminScopes,
  owner: ownerScopes,
};

export const knownScopes: ReadonlySet<string> = new Set([...ownerScopes, 'member', 'admin', 'owner']);

/** Expands Deepgram's role shorthands ('member', 'admin', 'owner') into the scopes they grant. */
export function expandScopes(scopes: readonly string[]): Set<string> {
  const expanded = new Set<string>();
  for (const scope of scopes) for (const granted of roleScopes[scope] ?? [scope]) expanded.add(granted);
  return expanded;
}

export interface Project {
  projectId: string;
  name: string;
  hasCredit: boolean;
}

export interface ApiKey {
  apiKeyId: string;
  secret: string;
  projectId: string;
  comment: string;
  /** As requested (role names kept); use `granted` for checks. */
  scopes: string[];
  granted: Set<string>;
  tags: string[];
  created: Date;
  expiresAt?: Date;
  deleted: boolean;
  /** apiKeyId of the key that created this one through the Manage API. */
  createdBy?: string;
}

export interface AccessToken {
  apiKeyId: string;
  projectId: string;
  issuedAt: number;
  expiresAt: number;
}

export type Credential =
  { kind: 'api-key'; key: ApiKey } | { kind: 'access-token'; token: AccessToken; key: ApiKey | undefined };

function base64url(value: Buffer | string): string {
  return Buffer.from(value).toString('base64url');
}

/** Projects, API keys and access tokens of one emulator instance. */
export class Accounts {
  readonly projects = new Map<string, Project>();
  private readonly keys = new Map<string, ApiKey>();
  private readonly tokenSecret = randomBytes(32);
  /** Bumped by expireAllTokens(); tokens of older generations are dead. */
  private tokenGeneration = 0;
  maxConcurrentStreams = 50;

  createProject(name: string, projectId: string = randomUUID()): Project {
    const project = { projectId, name, hasCredit: true };
    this.projects.set(projectId, project);
    return project;
  }

  createKey(options: {
    projectId: string;
    scopes: string[];
    comment?: string;
    tags?: string[];
    expiresAt?: Date;
    createdBy?: string;
  }): ApiKey {
    if (!this.projects.has(options.projectId)) this.createProject('Earshot Project', options.projectId);
    const key: ApiKey = {
      apiKeyId: randomUUID(),
      secret: randomBytes(20).toString('hex'),
      projectId: options.projectId,
      comment: options.comment ?? '',
      scopes: [...options.scopes],
      granted: expandScopes(options.scopes),
      tags: options.tags ?? [],
      created: new Date(),
      deleted: false,
      ...(options.expiresAt ? { expiresAt: options.expiresAt } : {}),
      ...(options.createdBy ? { createdBy: options.createdBy } : {}),
    };
    this.keys.set(key.apiKeyId, key);
    return key;
  }

  allKeys(): ApiKey[] {
    return [...this.keys.values()];
  }

  keyById(apiKeyId: string): ApiKey | undefined {
    return this.keys.get(apiKeyId);
  }

  /** Accepts either the secret or the api_key_id. */
  findKey(keyOrId: string): ApiKey | undefined {
    return this.keys.get(keyOrId) ?? this.allKeys().find((key) => key.secret === keyOrId);
  }

  isUsable(key: ApiKey, now = Date.now()): boolean {
    return !key.deleted && (key.expiresAt === undefined || key.expiresAt.getTime() > now);
  }

  /** A usable key for this secret, or undefined when it is unknown, deleted or expired. */
  authenticateKey(secret: string): ApiKey | undefined {
    const key = this.allKeys().find((candidate) => candidate.secret === secret);
    return key && this.isUsable(key) ? key : undefined;
  }

  issueToken(key: ApiKey, ttlSeconds: number): string {
    const issuedAt = Date.now();
    const payload = {
      sub: key.apiKeyId,
      project: key.projectId,
      scopes: ['usage:write'],
      iat: Math.floor(issuedAt / 1000),
      iat_ms: issuedAt,
      exp_ms: issuedAt + ttlSeconds * 1000,
      exp: Math.floor(issuedAt / 1000) + ttlSeconds,
      jti: randomUUID(),
      gen: this.tokenGeneration,
    };
    const unsigned = `${base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }))}.${base64url(JSON.stringify(payload))}`;
    return `${unsigned}.${this.sign(unsigned)}`;
  }

  /** The token's claims if it is genuine, unexpired and minted after the last expireAllTokens(). */
  verifyToken(token: string): AccessToken | undefined {
    const parts = token.split('.');
    if (parts.length !== 3) return undefined;
    const [header, payload, signature] = parts as [string, string, string];
    const expected = Buffer.from(this.sign(`${header}.${payload}`));
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
    let claims: unknown;
    try {
      claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    } catch {
      return undefined;
    }
    if (typeof claims !== 'object' || claims === null) return undefined;
    const { sub, project, iat_ms: issuedAt, exp_ms: expiresAt, gen } = claims as Record<string, unknown>;
    if (typeof sub !== 'string' || typeof project !== 'string') return undefined;
    if (typeof issuedAt !== 'number' || typeof expiresAt !== 'number') return undefined;
    const now = Date.now();
    if (expiresAt <= now || gen !== this.tokenGeneration) return undefined;
    return { apiKeyId: sub, projectId: project, issuedAt, expiresAt };
  }

  expireAllTokens(): void {
    this.tokenGeneration += 1;
  }

  /** Resolves an `Authorization` scheme + value: 'token' means an API key, 'bearer' an access token. */
  authenticate(scheme: 'token' | 'bearer', value: string): Credential | undefined {
    if (scheme === 'token') {
      const key = this.authenticateKey(value);
      return key ? { kind: 'api-key', key } : undefined;
    }
    const token = this.verifyToken(value);
    return token ? { kind: 'access-token', token, key: this.keyById(token.apiKeyId) } : undefined;
  }

  private sign(data: string): string {
    return createHmac('sha256', this.tokenSecret).update(data).digest('base64url');
  }
}
