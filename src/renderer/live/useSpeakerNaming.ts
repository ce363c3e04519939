/**
 * Names given to speakers in the running session, renamed from the live view's labels. They are
 * kept with the session (History shows them too); a new session starts with none.
 */
import { useCallback, useState, useSyncExternalStore } from 'react';
import { type EarshotClient } from '../bridge/earshot-client';
import type { LiveController } from './live-controller';

export interface SpeakerNaming {
  names: Readonly<Record<string, string>>;
  /** Undefined while there is no session to keep the names with. */
  rename: ((speakerKey: string, name: string) => void) | undefined;
}

export function useSpeakerNaming(client: EarshotClient, controller: LiveController): SpeakerNaming {
  const sessionId = useSyncExternalStore(
    controller.subscribe,
    () => controller.getSnapshot().session.sessionId,
  );
  const [named, setNamed] = useState<{ sessionId: string | null; names: Record<string, string> }>({
    sessionId: null,
    names: {},
  });
  const rename = useCallback(
    (speakerKey: string, name: string) => {
      if (sessionId === null) return;
      client.renameSpeaker({ id: sessionId, speakerKey, name }).then(
        (names) => setNamed({ sessionId, names }),
        // The label keeps its old name; History can rename it later.
        () => undefined,
      );
    },
    [client, sessionId],
  );
  return {
    names: named.sessionId === sessionId ? named.names : {},
    rename: sessionId === null ? undefined : rename,
  };
}
