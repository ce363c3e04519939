/**
 * Settings as the settings screen names them, and the sentences built from a settings
 * ValidationError's path and expectation. Shared so main's refusals and the form's own checks
 * read the same.
 */
import type { Settings } from './settings';
import { validationSentence, type ValidationError, type ValidationPath } from './validation';

/**
 * The settings screen's labels, lower-case for use inside sentences; capitalised (settingTitle)
 * where a line or a sentence starts with one.
 */
export const settingLabels: Record<keyof Settings, string> = {
  endpoint: 'endpoint URL',
  model: 'model',
  language: 'language',
  smartFormat: 'smart format',
  punctuate: 'punctuation',
  interimResults: 'interim results',
  endpointing: 'endpointing',
  utteranceEndMs: 'utterance end',
  keyterms: 'keyterms',
  diarize: 'speaker labels',
  microphoneDeviceId: 'microphone',
  echoCancellation: 'echo cancellation',
  noiseSuppression: 'noise suppression',
  autoGainControl: 'automatic gain',
  audioSource: 'audio source',
  systemAudioDeviceId: 'system audio input',
  streamingCredential: 'streaming credential',
  waitingAudioLimitMinutes: 'audio kept to transcribe later',
  finalAnnouncements: 'screen reader announcements',
  interfaceTextSize: 'text size',
  overlay: 'caption overlay',
  keepHistory: 'keep history',
  historyRetentionDays: 'keep sessions for',
  spokenPunctuation: 'spoken punctuation',
  closeToTray: 'keep running in the tray when the window is closed',
  mipOptOut: 'keep out of model improvement',
  redact: 'redact',
  profanityFilter: 'profanity filter',
  showIndicator: 'show a small indicator while dictating into another app',
  dictationEnabled: 'dictation shortcut on',
  dictationShortcut: 'dictation shortcut',
  pasteLastShortcut: 'paste last dictation shortcut',
  dictationInsertion: 'when dictated text is inserted',
  dictationSpaceBefore: 'space before dictated text',
  dictationFirstLetter: 'first letter of dictated text',
  dictationSpaceAfter: 'space after closing punctuation',
  waylandPasteChord: 'paste chord on Wayland',
};

export function isSettingName(name: unknown): name is keyof Settings {
  return typeof name === 'string' && Object.hasOwn(settingLabels, name);
}

export function listInWords(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** A setting's label as the screen shows it, and as a sentence about it begins. */
export function settingTitle(field: keyof Settings): string {
  return capitalized(settingLabels[field]);
}

/**
 * The setting a path points into, and what to call it: ['settings', 'keyterms', 3] is
 * "Keyterm 4". The root ('settings', 'request') is skipped; paths read from the settings
 * file have none. Null when the path is the settings as a whole or not about a setting.
 */
export function settingAt(path: ValidationPath): { field: keyof Settings; subject: string } | null {
  const [first, second, third] = path;
  const field = isSettingName(first) ? first : isSettingName(second) ? second : null;
  if (field === null) return null;
  const index = field === first ? second : third;
  if (field === 'keyterms' && typeof index === 'number') return { field, subject: `Keyterm ${index + 1}` };
  return { field, subject: settingTitle(field) };
}

export interface SettingsProblem {
  /** The setting the problem is about; null when it is about several or the request as a whole. */
  field: keyof Settings | null;
  sentence: string;
}

/** "Utterance end must be at least 1000." for ['settings', 'utteranceEndMs'], "at least 1000". */
export function describeSettingsError(error: ValidationError): SettingsProblem {
  const setting = settingAt(error.path);
  return {
    field: setting?.field ?? null,
    sentence: validationSentence(error, setting?.subject ?? 'The settings'),
  };
}

export function readableValidationMessage(error: ValidationError): string {
  return describeSettingsError(error).sentence;
}
