/**
 * The live view's export: once a session has ended, the controls for it. Main's state stops
 * naming a session once it is over (unless audio waits), so the last id seen is kept here.
 */
import { useState, type ReactNode } from 'react';
import type { EarshotClient } from '../bridge/earshot-client';
import { ExportControls } from './ExportControls';

export function LiveSessionExport(props: {
  client: EarshotClient;
  /** The session main names now, or null. */
  sessionId: string | null;
  running: boolean;
}): ReactNode {
  const { client, sessionId, running } = props;
  const [lastSessionId, setLastSessionId] = useState<string | null>(sessionId);
  // Remembered during render (React's pattern for keeping what an earlier render saw).
  if (sessionId !== null && sessionId !== lastSessionId) setLastSessionId(sessionId);
  if (running || lastSessionId === null) return null;
  return <ExportControls client={client} sessionId={lastSessionId} />;
}
