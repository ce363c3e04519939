/**
 * Renaming a speaker from an opened History session: main keeps the name with the session and
 * answers with all of its names, which replace those shown. A refusal leaves the label as it was.
 */
import type { SessionTranscript } from '../../shared/history';
import type { EarshotClient } from '../bridge/earshot-client';
import type { RenameSpeaker } from '../ui/SpeakerLabel';

export function historySpeakerRenamer(
  client: Pick<EarshotClient, 'renameSpeaker'>,
  sessionId: string,
  shown: (sessionId: string, speakerNames: SessionTranscript['speakerNames']) => void,
): RenameSpeaker {
  return (speakerKey, name) => {
    client.renameSpeaker({ id: sessionId, speakerKey, name }).then(
      (speakerNames) => shown(sessionId, speakerNames),
      () => undefined,
    );
  };
}
