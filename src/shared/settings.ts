import {
  array,
  boolean,
  literal,
  nullable,
  number,
  oneOf,
  partialObject,
  string,
  ValidationError,
  type Validator,
} from './validation';
import {
  finalAnnouncements,
  interfaceTextSize,
  type FinalAnnouncements,
  type InterfaceTextSize,
} from './accessibility-settings';
import { defaultOverlayStyle, overlayStyle, type OverlayStyle } from './overlay-style';
import { chordText } from './hotkey-chord';
import { redactionChoice, type RedactionGroup } from './privacy-settings';
import { endpointUrl } from './endpoint-url';
import { historyRetentionDayCounts, type HistoryRetentionDays } from './history';

export { endpointUrl, isLoopbackHost } from './endpoint-url';

/** How a live connection authenticates: a minted token, a temporary key, or the saved key itself. */
export const streamingCredentials = ['auto', 'ephemeral-key', 'direct'] as const;

export type StreamingCredential = (typeof streamingCredentials)[number];

/** What Earshot listens to: the microphone, the computer's own sound, or both (two channels). */
export const audioSources = ['microphone', 'system', 'both'] as const;

export type AudioSource = (typeof audioSources)[number];

export const dictationInsertions = ['on-stop', 'as-you-speak'] as const;
export type DictationInsertion = (typeof dictationInsertions)[number];
export const dictationFirstLetters = ['keep', 'lower'] as const;
export type DictationFirstLetter = (typeof dictationFirstLetters)[number];
export const waylandPasteChords = ['ctrl+v', 'ctrl+shift+v'] as const;
export type WaylandPasteChord = (typeof waylandPasteChords)[number];

export interface Settings {
  /** Base URL of Deepgram or a Deepgram-compatible (self-hosted) endpoint. */
  endpoint: string;
  model: string;
  language: string;
  smartFormat: boolean;
  punctuate: boolean;
  interimResults: boolean;
  /** Milliseconds of silence that end an utterance, or false to disable endpointing. */
  endpointing: number | false;
  /** Requires interimResults; null leaves UtteranceEnd events off. */
  utteranceEndMs: number | null;
  keyterms: string[];
  diarize: boolean;
  microphoneDeviceId: string | null;
  echoCancellation: boolean;
  noiseSuppression: boolean;
  autoGainControl: boolean;
  audioSource: AudioSource;
  /** The input that carries the computer's sound (a "Monitor of …" source), or null to find one. */
  systemAudioDeviceId: string | null;
  streamingCredential: StreamingCredential;
  /**
   * Bound on audio kept on disk while Deepgram cannot be reached, to be transcribed later
   * (minutes, all sessions together).
   */
  waitingAudioLimitMinutes: number;
  /** When final words are announced to a screen reader (src/shared/accessibility-settings.ts). */
  finalAnnouncements: FinalAnnouncements;
  /** The interface's text size in percent; captions have their own size. */
  interfaceTextSize: InterfaceTextSize;
  /** How the caption overlay looks (src/shared/overlay-style.ts). */
  overlay: OverlayStyle;
  /** Sessions are saved to History; off, nothing of a new session is written to disk. */
  keepHistory: boolean;
  /** Sessions that ended this many days ago are deleted (at start and daily); null keeps them. */
  historyRetentionDays: HistoryRetentionDays;
  /** Deepgram's dictation=true: spoken "comma", "period", "new line" become punctuation (needs punctuate). */
  spokenPunctuation: boolean;
  /** Closing the window keeps Earshot running in the tray (the menu bar on macOS); Quit is in its menu. */
  closeToTray: boolean;
  /** Deepgram's privacy options (src/shared/privacy-settings.ts): mip_opt_out, redact, profanity_filter. */
  mipOptOut: boolean;
  redact: RedactionGroup[];
  profanityFilter: boolean;
  /** A small always-on-top indicator shows state and level while a session runs and Earshot is not in front. */
  showIndicator: boolean;
  /** The global dictation shortcut is on (tap toggles, hold is hold-to-talk, Esc cancels). */
  dictationEnabled: boolean;
  /** The dictation chord ("Ctrl+Alt+Space"), or null for the platform's default (⌥Space on macOS). */
  dictationShortcut: string | null;
  /** The chord that inserts the last dictation again, or null for none. */
  pasteLastShortcut: string | null;
  /** Insert the dictation when it stops, or each final segment as it arrives. */
  dictationInsertion: DictationInsertion;
  /** Where the text before the cursor is unknown: begin with a space. */
  dictationSpaceBefore: boolean;
  /** Where the text before the cursor is unknown: keep Deepgram's capital, or continue the sentence in lower case. */
  dictationFirstLetter: DictationFirstLetter;
  /** End with a space after closing punctuation, so the next dictation joins on. */
  dictationSpaceAfter: boolean;
  /** Wayland cannot tell terminals apart: the paste chord the person's target expects. */
  waylandPasteChord: WaylandPasteChord;
}

/** Settings as main answers them, with a sentence about any it had to reset, or null. */
export interface SettingsWithNotice {
  settings: Settings;
  notice: string | null;
}

export const defaultSettings: Readonly<Settings> = Object.freeze({
  endpoint: 'https://api.deepgram.com',
  model: 'nova-3',
  language: 'en',
  smartFormat: true,
  punctuate: true,
  interimResults: true,
  endpointing: 300,
  utteranceEndMs: 1000,
  keyterms: [],
  diarize: false,
  microphoneDeviceId: null,
  echoCancellation: true,
  noiseSuppression: true,
  autoGainControl: true,
  audioSource: 'microphone',
  systemAudioDeviceId: null,
  streamingCredential: 'auto',
  waitingAudioLimitMinutes: 60,
  finalAnnouncements: 'every-final',
  interfaceTextSize: 100,
  overlay: defaultOverlayStyle,
  keepHistory: true,
  historyRetentionDays: null,
  spokenPunctuation: false,
  closeToTray: false,
  mipOptOut: false,
  redact: [],
  profanityFilter: false,
  showIndicator: true,
  dictationEnabled: true,
  dictationShortcut: null,
  pasteLastShortcut: null,
  dictationInsertion: 'on-stop',
  dictationSpaceBefore: false,
  dictationFirstLetter: 'keep',
  dictationSpaceAfter: true,
  waylandPasteChord: 'ctrl+v',
});

export const waitingAudioLimitRange = { min: 1, max: 600 } as const;

/** Deepgram counts keyterm tokens across all terms; words are a conservative stand-in. */
export const keytermLimits = { maxTerms: 100, maxTermLength: 100, maxTotalTokens: 500 } as const;

export const streamingCredentialChoice: Validator<StreamingCredential> = literal(...streamingCredentials);

const keyterm = string({
  minLength: 1,
  maxLength: keytermLimits.maxTermLength,
  pattern: /^(?!.*\p{Cc})(?=.*\S).*$/u,
  patternDescription: 'printable text',
});

/** The keyterms list as a setting takes it (also the live view's keyterm editing, ipc-contract.ts). */
export const keytermList = array(keyterm, { maxItems: keytermLimits.maxTerms });

const settingsFieldValidators = {
  endpoint: endpointUrl,
  model: string({
    minLength: 1,
    maxLength: 64,
    pattern: /^[a-z0-9][a-z0-9._-]*$/i,
    patternDescription: 'a model name such as nova-3',
  }),
  language: string({
    minLength: 2,
    maxLength: 16,
    pattern: /^[a-z]{2,3}(-[a-z0-9]{2,8})*$|^multi$/i,
    patternDescription: 'a language code such as en or en-US',
  }),
  smartFormat: boolean,
  punctuate: boolean,
  interimResults: boolean,
  endpointing: oneOf(
    number({ min: 10, max: 10_000, integer: true }),
    literal(false),
    'a number of milliseconds from 10 to 10000, or off',
  ),
  utteranceEndMs: nullable(number({ min: 1000, max: 5000, integer: true })),
  keyterms: array(keyterm, { maxItems: keytermLimits.maxTerms }),
  diarize: boolean,
  microphoneDeviceId: nullable(string({ minLength: 1, maxLength: 512 })),
  echoCancellation: boolean,
  noiseSuppression: boolean,
  autoGainControl: boolean,
  audioSource: literal(...audioSources),
  systemAudioDeviceId: nullable(string({ minLength: 1, maxLength: 512 })),
  streamingCredential: streamingCredentialChoice,
  waitingAudioLimitMinutes: number({ ...waitingAudioLimitRange, integer: true }),
  finalAnnouncements,
  interfaceTextSize,
  overlay: overlayStyle,
  keepHistory: boolean,
  historyRetentionDays: nullable(literal(...historyRetentionDayCounts)),
  spokenPunctuation: boolean,
  closeToTray: boolean,
  mipOptOut: boolean,
  redact: redactionChoice,
  profanityFilter: boolean,
  showIndicator: boolean,
  dictationEnabled: boolean,
  dictationShortcut: nullable(chordText),
  pasteLastShortcut: nullable(chordText),
  dictationInsertion: literal(...dictationInsertions),
  dictationSpaceBefore: boolean,
  dictationFirstLetter: literal(...dictationFirstLetters),
  dictationSpaceAfter: boolean,
  waylandPasteChord: literal(...waylandPasteChords),
} satisfies { [K in keyof Settings]: Validator<Settings[K]> };

export type SettingsPatch = Partial<Settings>;

export const settingsPatch: Validator<SettingsPatch> = partialObject(settingsFieldValidators);

export function countKeytermTokens(terms: readonly string[]): number {
  return terms.reduce((total, term) => total + term.trim().split(/\s+/).length, 0);
}

export const directNeedsKeySentence =
  'Streaming with the saved key itself sends your API key on every connection, so it is chosen together with the key: choose it under Streaming credential, paste the key under Deepgram API key, and press Save.';

/**
 * Streaming with the stored key itself is chosen only together with the key (its save), never
 * by a settings change alone: main refuses such a change, and the form says so before sending.
 */
export function switchesToDirectStreaming(
  current: Pick<Settings, 'streamingCredential'>,
  next: Pick<Settings, 'streamingCredential'>,
): boolean {
  return next.streamingCredential === 'direct' && current.streamingCredential !== 'direct';
}

/** Rules that involve more than one field, checked on the merged result. */
function checkSettingsCombination(settings: Settings): void {
  if (settings.utteranceEndMs !== null && !settings.interimResults) {
    throw new ValidationError({
      path: 'settings',
      expectation: 'settings with interim results on when utterance end is on',
      sentence: 'Utterance end needs interim results on; turn interim results on or utterance end off.',
    });
  }
  if (settings.spokenPunctuation && !settings.punctuate) {
    throw new ValidationError({
      path: 'settings',
      expectation: 'settings with punctuation on when spoken punctuation is on',
      sentence: 'Spoken punctuation needs punctuation on; turn punctuation on or spoken punctuation off.',
    });
  }
  if (settings.keyterms.length > 0 && !/^nova-3/.test(settings.model)) {
    throw new ValidationError({
      path: 'settings',
      expectation: 'settings with a Nova-3 model when there are keyterms',
      sentence: 'Keyterms work only with Nova-3 models; choose nova-3 or clear the keyterms.',
    });
  }
  const tokens = countKeytermTokens(settings.keyterms);
  if (tokens > keytermLimits.maxTotalTokens) {
    throw new ValidationError({
      path: 'settings',
      expectation: `settings whose keyterms hold at most ${keytermLimits.maxTotalTokens} words in total`,
      sentence: `Keyterms may hold at most ${keytermLimits.maxTotalTokens} words in total; these hold ${tokens}.`,
    });
  }
}

/** Validates a patch against the current settings and returns the merged, checked settings. */
export function applySettingsPatch(current: Settings, patch: unknown): Settings {
  const merged: Settings = { ...current, ...settingsPatch(patch, 'settings') };
  checkSettingsCombination(merged);
  return merged;
}

/**
 * Reads settings from untrusted storage field by field: a bad field falls back to its
 * default and is reported, so one corrupted value never loses the rest.
 */
export function settingsFromStorage(stored: unknown): { settings: Settings; rejectedFields: string[] } {
  const settings: Settings = { ...defaultSettings, keyterms: [...defaultSettings.keyterms] };
  const rejectedFields: string[] = [];
  const source = typeof stored === 'object' && stored !== null ? (stored as Record<string, unknown>) : {};
  if (stored !== undefined && (typeof stored !== 'object' || stored === null)) rejectedFields.push('(file)');
  for (const key of Object.keys(settingsFieldValidators) as (keyof Settings)[]) {
    if (!(key in source)) continue;
    try {
      const validate: Validator<unknown> = settingsFieldValidators[key];
      (settings as unknown as Record<string, unknown>)[key] = validate(source[key], key);
    } catch {
      rejectedFields.push(key);
    }
  }
  try {
    checkSettingsCombination(settings);
  } catch {
    settings.utteranceEndMs = settings.interimResults ? settings.utteranceEndMs : null;
    settings.spokenPunctuation = settings.punctuate && settings.spokenPunctuation;
    if (
      !/^nova-3/.test(settings.model) ||
      countKeytermTokens(settings.keyterms) > keytermLimits.maxTotalTokens
    ) {
      settings.keyterms = [];
    }
    rejectedFields.push('(combination)');
  }
  return { settings, rejectedFields };
}
