/**
 * Asks the configured endpoint, through @deepgram/sdk's REST client, whether a key works and
 * what it may do, before the vault stores it.
 *
 * Policy: the key must be able to list its project (project:read) and to stream. Streaming
 * is proven by opening /v1/listen (with a token minted from the key when it can mint) and
 * closing it at once without audio; that is also where Deepgram says a project has no
 * credit (402). A key that can stream but not list projects is refused with 'no-permission':
 * Earshot could not learn its project, and the sentence asks for a key with the Member role.
 */
import { DeepgramClient, DeepgramError, DeepgramTimeoutError } from '@deepgram/sdk';
import type { KeyCapabilities } from '../../../shared/key-status';
import { EarshotError } from '../../../shared/user-facing-error';
import { errorName, type Logger } from '../logger';
import { probeStream } from './stream-probe';

export interface KeyCheckResult {
  projectId: string | null;
  projectName: string | null;
  capabilities: KeyCapabilities;
}

/** Checks a key with this endpoint, the only one it is sent to. */
export type KeyChecker = (key: string, endpoint: string) => Promise<KeyCheckResult>;

/** Short and without retries, so an unreachable endpoint answers within seconds. */
const defaultCheckTimeoutSeconds = 5;

/** The probe key lives at most this long even if deleting it fails. */
const probeKeyLifetimeSeconds = 60;

type Step = 'projects' | 'grant' | 'keys-list' | 'keys-create' | 'keys-delete';

function hostOf(endpoint: string): string {
  try {
    return new URL(endpoint).host || endpoint;
  } catch {
    return endpoint;
  }
}

function errorCodeOf(body: unknown): string | null {
  if (typeof body !== 'object' || body === null) return null;
  const fields = body as Record<string, unknown>;
  const code = fields.err_code ?? fields.category;
  return typeof code === 'string' ? code : null;
}

/** Failures that end the check whatever step they come from. */
function fatalCheckError(error: unknown, host: string): EarshotError | null {
  if (error instanceof DeepgramTimeoutError) {
    return new EarshotError(
      'endpoint-unreachable',
      `Earshot could not reach the Deepgram endpoint at ${host}: it did not answer in time. Check your network connection and the endpoint URL in Settings.`,
    );
  }
  if (!(error instanceof DeepgramError)) return null;
  if (error.statusCode === undefined) {
    return new EarshotError(
      'endpoint-unreachable',
      `Earshot could not reach the Deepgram endpoint at ${host}. Check your network connection and the endpoint URL in Settings.`,
    );
  }
  if (error.statusCode === 402) return new EarshotError('no-credit');
  if (error.statusCode === 401 && errorCodeOf(error.body) !== 'INSUFFICIENT_PERMISSIONS') {
    return new EarshotError('bad-key');
  }
  if (error.statusCode === 429) {
    return new EarshotError(
      'endpoint-unreachable',
      `The Deepgram endpoint at ${host} is receiving too many requests right now. Wait a minute, then save the key again.`,
    );
  }
  if (error.statusCode >= 500) {
    return new EarshotError(
      'endpoint-unreachable',
      `The Deepgram endpoint at ${host} answered with a server error (status ${error.statusCode}). Try again in a few minutes.`,
    );
  }
  return null;
}

function isPermissionRefusal(error: unknown): boolean {
  return error instanceof DeepgramError && (error.statusCode === 401 || error.statusCode === 403);
}

const needsMemberRole =
  'Use a key with the Member role or higher (it can read its project and create temporary credentials), or ask your Deepgram admin.';

export function createKeyChecker(deps: { log: Logger; timeoutSeconds?: number }): KeyChecker {
  return async (key, endpoint) => {
    const host = hostOf(endpoint);
    const timeoutInSeconds = deps.timeoutSeconds ?? defaultCheckTimeoutSeconds;
    const requestOptions = { timeoutInSeconds, maxRetries: 0 };
    const client = new DeepgramClient({ apiKey: key, baseUrl: endpoint, timeoutInSeconds, maxRetries: 0 });

    const logFailure = (step: Step, error: unknown) =>
      deps.log.warn('key check step failed', {
        step,
        host,
        status: error instanceof DeepgramError ? (error.statusCode ?? null) : null,
        errorCode: error instanceof DeepgramError ? errorCodeOf(error.body) : null,
        errorName: errorName(error),
      });

    /** Runs one probe: fatal failures throw, a refusal of permission answers false. */
    const probe = async (step: Step, run: () => Promise<unknown>): Promise<boolean> => {
      try {
        await run();
        return true;
      } catch (error) {
        logFailure(step, error);
        const fatal = fatalCheckError(error, host);
        if (fatal) throw fatal;
        if (isPermissionRefusal(error)) return false;
        if (error instanceof DeepgramError) return false;
        throw new EarshotError('internal', undefined, { cause: error });
      }
    };

    let projects: { project_id?: string; name?: string }[];
    try {
      projects = (await client.manage.v1.projects.list(requestOptions)).projects ?? [];
    } catch (error) {
      logFailure('projects', error);
      const fatal = fatalCheckError(error, host);
      if (fatal) throw fatal;
      if (isPermissionRefusal(error)) {
        throw new EarshotError(
          'no-permission',
          `This API key is not allowed to read its Deepgram project. ${needsMemberRole}`,
        );
      }
      if (error instanceof DeepgramError) {
        throw new EarshotError(
          'endpoint-unreachable',
          `The endpoint at ${host} did not answer like Deepgram (status ${error.statusCode}). Check the endpoint URL in Settings.`,
        );
      }
      throw new EarshotError('internal', undefined, { cause: error });
    }
    const project = projects.find((candidate) => typeof candidate.project_id === 'string');
    if (!project?.project_id) {
      throw new EarshotError(
        'no-permission',
        `This API key does not show any Deepgram project. ${needsMemberRole}`,
      );
    }
    const projectId = project.project_id;
    const scopes = ['project:read'];

    let mintedToken: string | null = null;
    const canMintTokens = await probe('grant', async () => {
      try {
        mintedToken = (await client.auth.v1.tokens.grant({ ttl_seconds: 10 }, requestOptions)).access_token;
      } catch (error) {
        // The server-side range of ttl_seconds is undocumented; fall back to the default TTL.
        if (!(error instanceof DeepgramError) || error.statusCode !== 400) throw error;
        mintedToken = (await client.auth.v1.tokens.grant({}, requestOptions)).access_token;
      }
    });
    if (canMintTokens) scopes.push('usage:write');

    if (await probe('keys-list', () => client.manage.v1.projects.keys.list(projectId, {}, requestOptions))) {
      scopes.push('keys:read');
    }

    let probeKeyId: string | undefined;
    const canCreateKeys = await probe('keys-create', async () => {
      const created = await client.manage.v1.projects.keys.create(
        projectId,
        {
          comment: 'Earshot key check (deleted at once)',
          scopes: ['usage:write'],
          time_to_live_in_seconds: probeKeyLifetimeSeconds,
        },
        requestOptions,
      );
      probeKeyId = created.api_key_id;
    });
    if (canCreateKeys) {
      scopes.push('keys:write');
      if (probeKeyId) {
        const id = probeKeyId;
        try {
          await client.manage.v1.projects.keys.delete(projectId, id, requestOptions);
        } catch (error) {
          // It expires by itself within probeKeyLifetimeSeconds.
          logFailure('keys-delete', error);
        }
      }
    }

    const stream = await probeStream({
      endpoint,
      timeoutInSeconds,
      credential: mintedToken ? { accessToken: mintedToken } : { apiKey: key },
    });
    deps.log.info('key check stream probe', { host, outcome: stream.outcome, status: stream.status });
    if (stream.status === 402) throw new EarshotError('no-credit');
    if (stream.outcome === 'open' && !scopes.includes('usage:write')) scopes.push('usage:write');
    const capabilities: KeyCapabilities = {
      scopes,
      canMintTokens,
      canCreateKeys,
      canStream:
        stream.outcome === 'open' || (stream.outcome === 'unknown' && (canMintTokens || canCreateKeys)),
    };
    if (!capabilities.canStream) {
      throw new EarshotError(
        'no-permission',
        `This API key can read its project but cannot create temporary credentials for streaming. ${needsMemberRole}`,
      );
    }
    deps.log.info('key check passed', {
      host,
      projectId,
      canMintTokens,
      canCreateKeys,
      scopes: scopes.join(' '),
    });
    return { projectId, projectName: project.name ?? null, capabilities };
  };
}
