import type { Settings } from '../../../shared/settings';

/** Settings as the settings screen names them, for sentences the user reads. */
export const settingLabels: Record<keyof Settings, string> = {
  endpoint: 'endpoint URL',
  model: 'model',
  language: 'language',
  smartFormat: 'smart formatting',
  punctuate: 'punctuation',
  interimResults: 'interim results',
  endpointing: 'endpointing',
  utteranceEndMs: 'utterance end',
  keyterms: 'keyterms',
  diarize: 'speaker labels',
  microphoneDeviceId: 'microphone',
  echoCancellation: 'echo cancellation',
  noiseSuppression: 'noise suppression',
  autoGainControl: 'automatic gain control',
  streamingCredential: 'streaming credential',
};

export function isSettingName(name: string): name is keyof Settings {
  return Object.hasOwn(settingLabels, name);
}

export function listInWords(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** "settings.utteranceEndMs must be at least 1000." → "Utterance end must be at least 1000." */
export function readableValidationMessage(message: string): string {
  const match = /^settings\.([A-Za-z]+)(.*)$/s.exec(message);
  const field = match?.[1];
  const text = field && isSettingName(field) ? `${settingLabels[field]}${match[2] ?? ''}` : message;
  return text.charAt(0).toUpperCase() + text.slice(1);
}
