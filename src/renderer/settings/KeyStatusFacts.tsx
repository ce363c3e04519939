/** What main says of the saved key: where it is kept, its project, what it may do, its fingerprint and endpoint. */
import type { ReactNode } from 'react';
import { endpointHost } from '../../shared/endpoint-origin';
import type { KeyStatus } from '../../shared/key-status';

function yesNo(value: boolean | undefined): string {
  return value ? 'yes' : 'no';
}

export function KeyStatusFacts({ status }: { status: KeyStatus | null }): ReactNode {
  return (
    <div className="key-status" data-testid="key-status" aria-live="polite">
      {status === null ? (
        <p>Reading the key’s status…</p>
      ) : !status.stored ? (
        <p>No key is saved.</p>
      ) : (
        <>
          <p>
            {status.storage === 'session-only'
              ? 'A key is kept for this session only (not saved; enter it again next time).'
              : 'A key is saved in the system keychain.'}
          </p>
          <dl className="key-facts">
            <dt>Project</dt>
            <dd data-testid="key-project">
              {status.projectName ?? 'Unknown project'}
              {status.projectId ? <span className="muted"> ({status.projectId})</span> : null}
            </dd>
            <dt>Can mint short-lived tokens</dt>
            <dd data-testid="key-can-mint">{yesNo(status.capabilities?.canMintTokens)}</dd>
            <dt>Can create keys</dt>
            <dd data-testid="key-can-create">{yesNo(status.capabilities?.canCreateKeys)}</dd>
            <dt>Fingerprint</dt>
            <dd data-testid="key-fingerprint">
              <code>{status.fingerprint ?? '—'}</code>
            </dd>
            {status.endpoint && (
              <>
                <dt>Checked with</dt>
                <dd data-testid="key-endpoint">{endpointHost(status.endpoint)}</dd>
              </>
            )}
            {status.checkedAt && (
              <>
                <dt>Last checked</dt>
                <dd>{new Date(status.checkedAt).toLocaleString()}</dd>
              </>
            )}
          </dl>
        </>
      )}
    </div>
  );
}
