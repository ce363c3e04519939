/**
 * The settings chosen with radio buttons: each group's name, its buttons' test ids, and what
 * every value is called and does. One table, so the sections only say where a group goes.
 */
import { finalAnnouncementChoices } from '../../shared/accessibility-settings';
import { audioSources, streamingCredentials } from '../../shared/settings';
import type { SettingsForm } from './settings-form';

/** What a choice is called, and what it does in a sentence. */
export interface ChoiceText {
  title: string;
  explanation: string;
}

export type RadioSetting = 'finalAnnouncements' | 'streamingCredential' | 'audioSource';

interface RadioGroup<V extends string> {
  /** The radio group's name. */
  name: string;
  /** Each button's test id is `${testIdPrefix}-${value}`. */
  testIdPrefix: string;
  /** The values in the order shown. */
  values: readonly V[];
  texts: Record<V, ChoiceText>;
}

export const radioGroups: { [S in RadioSetting]: RadioGroup<SettingsForm[S]> } = {
  finalAnnouncements: {
    name: 'final-announcements',
    testIdPrefix: 'announcements',
    values: finalAnnouncementChoices,
    texts: {
      'every-final': {
        title: 'Every final',
        explanation: 'Each piece of text is read as soon as it is final.',
      },
      'at-pauses': {
        title: 'At pauses',
        explanation: 'What was said is read in one go when the speaker pauses: fewer interruptions.',
      },
      off: {
        title: 'Off',
        explanation: 'Nothing is read out; the transcript stays on screen to read at your own pace.',
      },
    },
  },
  streamingCredential: {
    name: 'streaming-credential',
    testIdPrefix: 'credential',
    values: streamingCredentials,
    texts: {
      auto: {
        title: 'Automatic (recommended)',
        explanation:
          'For every connection Earshot mints a token that expires within a minute, so the saved key never travels with your audio.',
      },
      'ephemeral-key': {
        title: 'Temporary key',
        explanation:
          'For every session Earshot creates a key that can only transcribe and deletes it when you stop. Needs a key that can create keys.',
      },
      direct: {
        title: 'Saved key',
        explanation:
          'The live connection uses the saved key itself. Simplest, for self-hosted endpoints that do not issue tokens. Chosen together with the key: select it, then paste the key above and save it.',
      },
    },
  },
  audioSource: {
    name: 'audio-source',
    testIdPrefix: 'audio-source',
    values: audioSources,
    texts: {
      microphone: { title: 'Microphone', explanation: 'What you say.' },
      system: {
        title: 'System audio',
        explanation:
          'What this computer plays: a call, a video, a lecture. Heard as it is, with no voice processing.',
      },
      both: {
        title: 'Both',
        explanation: 'Microphone and system audio as two channels, labelled "You" and "Others".',
      },
    },
  },
};
