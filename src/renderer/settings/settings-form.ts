/**
 * The settings form's editable text, converted to a settings patch and checked with the same
 * validators main uses, so most mistakes are explained before anything is sent.
 */
import {
  applySettingsPatch,
  type Settings,
  type SettingsPatch,
  type StreamingCredential,
} from '../../shared/settings';
import { ValidationError } from '../../shared/validation';

export interface SettingsForm {
  endpoint: string;
  model: string;
  language: string;
  smartFormat: boolean;
  punctuate: boolean;
  interimResults: boolean;
  endpointingOn: boolean;
  endpointingMs: string;
  utteranceEndOn: boolean;
  utteranceEndMs: string;
  keyterms: string;
  diarize: boolean;
  microphoneDeviceId: string;
  echoCancellation: boolean;
  noiseSuppression: boolean;
  autoGainControl: boolean;
  streamingCredential: StreamingCredential;
}

export const fieldLabels: Record<keyof Settings, string> = {
  endpoint: 'Endpoint URL',
  model: 'Model',
  language: 'Language',
  smartFormat: 'Smart format',
  punctuate: 'Punctuation',
  interimResults: 'Interim results',
  endpointing: 'Endpointing',
  utteranceEndMs: 'Utterance end',
  keyterms: 'Keyterms',
  diarize: 'Speaker labels',
  microphoneDeviceId: 'Microphone',
  echoCancellation: 'Echo cancellation',
  noiseSuppression: 'Noise suppression',
  autoGainControl: 'Automatic gain',
  streamingCredential: 'Streaming credential',
};

export function formFromSettings(settings: Settings): SettingsForm {
  return {
    endpoint: settings.endpoint,
    model: settings.model,
    language: settings.language,
    smartFormat: settings.smartFormat,
    punctuate: settings.punctuate,
    interimResults: settings.interimResults,
    endpointingOn: settings.endpointing !== false,
    endpointingMs: String(settings.endpointing === false ? 300 : settings.endpointing),
    utteranceEndOn: settings.utteranceEndMs !== null,
    utteranceEndMs: String(settings.utteranceEndMs ?? 1000),
    keyterms: settings.keyterms.join('\n'),
    diarize: settings.diarize,
    microphoneDeviceId: settings.microphoneDeviceId ?? '',
    echoCancellation: settings.echoCancellation,
    noiseSuppression: settings.noiseSuppression,
    autoGainControl: settings.autoGainControl,
    streamingCredential: settings.streamingCredential,
  };
}

function wholeNumber(text: string): number {
  const trimmed = text.trim();
  return /^\d+$/.test(trimmed) ? Number(trimmed) : Number.NaN;
}

export function patchFromForm(form: SettingsForm): SettingsPatch {
  return {
    endpoint: form.endpoint.trim(),
    model: form.model.trim(),
    language: form.language.trim(),
    smartFormat: form.smartFormat,
    punctuate: form.punctuate,
    interimResults: form.interimResults,
    endpointing: form.endpointingOn ? wholeNumber(form.endpointingMs) : false,
    utteranceEndMs: form.utteranceEndOn ? wholeNumber(form.utteranceEndMs) : null,
    keyterms: form.keyterms
      .split('\n')
      .map((term) => term.trim())
      .filter((term) => term !== ''),
    diarize: form.diarize,
    microphoneDeviceId: form.microphoneDeviceId === '' ? null : form.microphoneDeviceId,
    echoCancellation: form.echoCancellation,
    noiseSuppression: form.noiseSuppression,
    autoGainControl: form.autoGainControl,
    streamingCredential: form.streamingCredential,
  };
}

export interface FieldProblem {
  field: keyof Settings | null;
  message: string;
}

const fieldPathPattern = /^(?:[A-Za-z]+\.)*([A-Za-z]+)(?:\[(\d+)\])?(?= )/;

/**
 * Rewrites a validator message such as "settings.endpoint must be …" into "Endpoint URL must
 * be …" and names the field, for main's refusals as well as local checks.
 */
export function describeSettingsProblem(message: string): FieldProblem {
  const match = fieldPathPattern.exec(message);
  const name = match?.[1];
  if (!match || !name || !Object.hasOwn(fieldLabels, name)) return { field: null, message };
  const field = name as keyof Settings;
  const label = match[2] !== undefined ? `Keyterm ${Number(match[2]) + 1}` : fieldLabels[field];
  return { field, message: label + message.slice(match[0].length) };
}

/** Null when the form would be accepted; otherwise the first problem, in plain words. */
export function checkForm(current: Settings, form: SettingsForm): FieldProblem | null {
  try {
    applySettingsPatch(current, patchFromForm(form));
    return null;
  } catch (error) {
    if (error instanceof ValidationError) return describeSettingsProblem(error.message);
    throw error;
  }
}
