import { DeepgramClient } from '@deepgram/sdk';
import type { KeyCapabilities } from '../../../shared/key-status';
import type { CredentialKind } from '../../../shared/session-state';
import type { Settings, StreamingCredential } from '../../../shared/settings';
import type { Logger, SecretRegistry } from '../logger';
import {
  ConnectionFailure,
  failureForNetworkError,
  failureForStatus,
  failureMessages,
} from './connection-failure';
import type { StreamingAuth } from './listen-connection';
import type { SessionVault } from './session-types';

/**
 * Seconds a minted access token stays valid. Deepgram checks it only at the upgrade, so
 * it just has to outlive one handshake; a fresh one is minted for every connection.
 */
const accessTokenTtlSeconds = 30;

/**
 * Lifetime of an ephemeral streaming key. It is deleted at stop; the TTL only matters if
 * Earshot dies before that, and then it bounds how long a leaked usage:write-only key
 * stays usable to 15 minutes. Keys are replaced before they expire, so long sessions
 * still reconnect (one create and one delete per quarter hour is negligible traffic).
 */
export const ephemeralKeyTtlSeconds = 900;
const ephemeralKeyRenewMarginSeconds = 120;

const fallbackNotice =
  'Your API key cannot create short-lived tokens, so this session streams with the stored key itself. Use a key with the Member role or higher to stream with short-lived tokens.';

export interface AcquiredCredential {
  auth: StreamingAuth;
  kind: CredentialKind;
  /** Set when the session had to settle for a weaker credential than the setting asked for. */
  notice: string | null;
}

export interface StreamingCredentials {
  /** A credential for the next connection attempt (minted fresh where the mode allows). */
  acquire(): Promise<AcquiredCredential>;
  /** The credential just used was refused: the next acquire must not reuse it. */
  invalidate(): void;
  /** Deletes anything created for this session. Never rejects. */
  release(): Promise<void>;
}

export interface StreamingCredentialsDeps {
  mode: StreamingCredential;
  endpoint: string;
  storedKey: string;
  capabilities: KeyCapabilities | null;
  projectId: string | null;
  secrets: SecretRegistry;
  log: Logger;
  now: () => number;
}

function statusOf(error: unknown): number | null {
  const status = (error as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === 'number' ? status : null;
}

const credentialUnavailableMessage =
  'Deepgram could not issue a streaming credential just now. Check your network connection and try again in a moment.';

/**
 * A REST call for a streaming credential failed. Only 401 (the stored key was refused) and
 * 403 (it may not do this) say the same call will fail again; any other answer (400, 402,
 * 404, 429, 5xx: an endpoint or proxy having a bad moment) is retried like a refused
 * handshake, so it never ends a session that is reconnecting.
 */
function restFailure(error: unknown): ConnectionFailure {
  const status = statusOf(error);
  if (status === 401 || status === 403) return failureForStatus(status);
  if (status !== null) {
    const failure = failureForStatus(status);
    if (failure.retryable) return failure;
    const message = status === 402 ? failureMessages.noCredit : credentialUnavailableMessage;
    return new ConnectionFailure(status === 402 ? 'no-credit' : 'connection-lost', message, {
      retryable: true,
      status,
      cause: error,
    });
  }
  const message = error instanceof Error ? `${error.name} ${error.message}` : String(error);
  return failureForNetworkError(/timeout/i.test(message) ? `TIMEOUT ${message}` : message, error);
}

const cannotCreateKeysMessage =
  'The API key cannot create temporary streaming keys (it needs the keys:write scope, for example the Admin role). Choose another streaming credential in Settings or save a key with more rights.';

export function createStreamingCredentials(deps: StreamingCredentialsDeps): StreamingCredentials {
  const { log, secrets } = deps;
  // The session owns retries, so the SDK's own REST retries (which would add seconds) are off.
  const rest = new DeepgramClient({
    apiKey: deps.storedKey,
    baseUrl: deps.endpoint,
    maxRetries: 0,
    timeoutInSeconds: 10,
  });
  const storedKeyCredential = (notice: string | null): AcquiredCredential => ({
    auth: { scheme: 'token', secret: deps.storedKey },
    kind: 'stored-key',
    notice,
  });

  let tokensUnavailable = deps.capabilities?.canMintTokens === false;
  let ephemeral: { id: string; key: string; createdAt: number; usable: boolean } | null = null;
  let projectId = deps.projectId;

  async function mintAccessToken(): Promise<AcquiredCredential> {
    if (tokensUnavailable) return storedKeyCredential(fallbackNotice);
    try {
      const grant = await rest.auth.v1.tokens.grant({ ttl_seconds: accessTokenTtlSeconds });
      // Useless once expired, so it need not be redacted for ever.
      secrets.add(grant.access_token, { ttlMs: accessTokenTtlSeconds * 1000 });
      return { auth: { scheme: 'bearer', secret: grant.access_token }, kind: 'access-token', notice: null };
    } catch (error) {
      if (statusOf(error) === 403) {
        log.warn('the stored key cannot mint access tokens; streaming with the stored key');
        tokensUnavailable = true;
        return storedKeyCredential(fallbackNotice);
      }
      throw restFailure(error);
    }
  }

  async function resolveProjectId(): Promise<string> {
    if (projectId) return projectId;
    try {
      const { projects } = await rest.manage.v1.projects.list();
      const first = projects?.[0]?.project_id;
      if (!first) throw new ConnectionFailure('no-permission', cannotCreateKeysMessage, { retryable: false });
      projectId = first;
      return first;
    } catch (error) {
      if (error instanceof ConnectionFailure) throw error;
      throw restFailure(error);
    }
  }

  async function deleteKey(id: string): Promise<void> {
    try {
      const project = await resolveProjectId();
      // Bounded: stop must not hang on an endpoint that went away.
      await rest.manage.v1.projects.keys.delete(project, id, { timeoutInSeconds: 5 });
      log.info('deleted the ephemeral streaming key', { apiKeyId: id });
    } catch (error) {
      // Its TTL still bounds how long it can be used.
      log.warn('could not delete the ephemeral streaming key', {
        apiKeyId: id,
        status: statusOf(error),
      });
    }
  }

  async function createEphemeralKey(): Promise<AcquiredCredential> {
    const current = ephemeral;
    const fresh =
      current !== null &&
      current.usable &&
      deps.now() - current.createdAt < (ephemeralKeyTtlSeconds - ephemeralKeyRenewMarginSeconds) * 1000;
    if (current && fresh)
      return { auth: { scheme: 'token', secret: current.key }, kind: 'ephemeral-key', notice: null };
    const project = await resolveProjectId();
    let created: { api_key_id?: string; key?: string };
    try {
      created = await rest.manage.v1.projects.keys.create(project, {
        comment: 'Earshot live session (temporary, deleted when the session stops)',
        scopes: ['usage:write'],
        time_to_live_in_seconds: ephemeralKeyTtlSeconds,
      });
    } catch (error) {
      const status = statusOf(error);
      if (status === 403 || status === 401) {
        if (status === 401) throw restFailure(error);
        throw new ConnectionFailure('no-permission', cannotCreateKeysMessage, { retryable: false, status });
      }
      throw restFailure(error);
    }
    if (!created.key || !created.api_key_id) {
      throw new ConnectionFailure(
        'connection-lost',
        'Deepgram did not return a temporary key. Press Start again.',
        {
          retryable: true,
        },
      );
    }
    secrets.add(created.key, { ttlMs: ephemeralKeyTtlSeconds * 1000 });
    ephemeral = { id: created.api_key_id, key: created.key, createdAt: deps.now(), usable: true };
    log.info('created an ephemeral streaming key', { apiKeyId: created.api_key_id });
    if (current) void deleteKey(current.id);
    return { auth: { scheme: 'token', secret: created.key }, kind: 'ephemeral-key', notice: null };
  }

  return {
    async acquire() {
      switch (deps.mode) {
        case 'direct':
          return storedKeyCredential(null);
        case 'ephemeral-key':
          return createEphemeralKey();
        case 'auto':
          return mintAccessToken();
      }
    },
    invalidate() {
      if (ephemeral) ephemeral.usable = false;
    },
    async release() {
      const current = ephemeral;
      ephemeral = null;
      if (current) await deleteKey(current.id);
    },
  };
}

/**
 * The credentials for connecting with these settings: their mode and endpoint, and the key
 * the vault holds for that endpoint (a live session and a late transcription alike).
 */
export async function streamingCredentialsFor(
  settings: Settings,
  deps: Pick<StreamingCredentialsDeps, 'secrets' | 'log' | 'now'> & { vault: SessionVault },
): Promise<StreamingCredentials> {
  // Refuses, before anything is sent, when the key was saved for another endpoint.
  const storedKey = await deps.vault.readKeyFor(settings.endpoint);
  return createStreamingCredentials({
    mode: settings.streamingCredential,
    endpoint: settings.endpoint,
    storedKey,
    capabilities: deps.vault.capabilities(),
    projectId: deps.vault.projectId(),
    secrets: deps.secrets,
    log: deps.log,
    now: deps.now,
  });
}
