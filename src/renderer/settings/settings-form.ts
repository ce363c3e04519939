/**
 * The settings form's editable text, converted to a settings patch and checked with the same
 * validators main uses, so most mistakes are explained before anything is sent.
 */
import {
  applySettingsPatch,
  directNeedsKeySentence,
  switchesToDirectStreaming,
  type Settings,
  type SettingsPatch,
} from '../../shared/settings';
import { describeSettingsError } from '../../shared/settings-labels';
import { ValidationError } from '../../shared/validation';

/** The settings as the person edits them: text where they type numbers and lists, a switch where a setting can be off. */
export type SettingsForm = Omit<
  Settings,
  | 'endpointing'
  | 'utteranceEndMs'
  | 'keyterms'
  | 'microphoneDeviceId'
  | 'systemAudioDeviceId'
  | 'waitingAudioLimitMinutes'
> & {
  endpointingOn: boolean;
  endpointingMs: string;
  utteranceEndOn: boolean;
  utteranceEndMs: string;
  /** One per line. */
  keyterms: string;
  /** Empty for the system default. */
  microphoneDeviceId: string;
  /** Empty to find the system's sound by itself. */
  systemAudioDeviceId: string;
  /** Whole minutes, as typed. */
  waitingAudioLimitMinutes: string;
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
    audioSource: settings.audioSource,
    systemAudioDeviceId: settings.systemAudioDeviceId ?? '',
    streamingCredential: settings.streamingCredential,
    waitingAudioLimitMinutes: String(settings.waitingAudioLimitMinutes),
    finalAnnouncements: settings.finalAnnouncements,
    interfaceTextSize: settings.interfaceTextSize,
    keepHistory: settings.keepHistory,
    historyRetentionDays: settings.historyRetentionDays,
    overlay: settings.overlay,
    spokenPunctuation: settings.spokenPunctuation,
    closeToTray: settings.closeToTray,
    mipOptOut: settings.mipOptOut,
    redact: [...settings.redact],
    profanityFilter: settings.profanityFilter,
    showIndicator: settings.showIndicator,
    dictationEnabled: settings.dictationEnabled,
    dictationShortcut: settings.dictationShortcut,
    pasteLastShortcut: settings.pasteLastShortcut,
    dictationInsertion: settings.dictationInsertion,
    dictationSpaceBefore: settings.dictationSpaceBefore,
    dictationFirstLetter: settings.dictationFirstLetter,
    dictationSpaceAfter: settings.dictationSpaceAfter,
    waylandPasteChord: settings.waylandPasteChord,
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
    audioSource: form.audioSource,
    systemAudioDeviceId: form.systemAudioDeviceId === '' ? null : form.systemAudioDeviceId,
    streamingCredential: form.streamingCredential,
    waitingAudioLimitMinutes: wholeNumber(form.waitingAudioLimitMinutes),
    finalAnnouncements: form.finalAnnouncements,
    interfaceTextSize: form.interfaceTextSize,
    keepHistory: form.keepHistory,
    historyRetentionDays: form.historyRetentionDays,
    overlay: form.overlay,
    spokenPunctuation: form.spokenPunctuation,
    closeToTray: form.closeToTray,
    mipOptOut: form.mipOptOut,
    redact: [...form.redact],
    profanityFilter: form.profanityFilter,
    showIndicator: form.showIndicator,
    dictationEnabled: form.dictationEnabled,
    dictationShortcut: form.dictationShortcut,
    pasteLastShortcut: form.pasteLastShortcut,
    dictationInsertion: form.dictationInsertion,
    dictationSpaceBefore: form.dictationSpaceBefore,
    dictationFirstLetter: form.dictationFirstLetter,
    dictationSpaceAfter: form.dictationSpaceAfter,
    waylandPasteChord: form.waylandPasteChord,
  };
}

export interface FieldProblem {
  field: keyof Settings | null;
  message: string;
}

/**
 * A problem in words, and the field to mark. The form's own checks give a ValidationError,
 * described from its path and expectation; main's refusal arrives as a sentence main already
 * wrote for the user, shown as it is and never parsed.
 */
export function describeSettingsProblem(problem: ValidationError | string): FieldProblem {
  if (typeof problem === 'string') return { field: null, message: problem };
  const { field, sentence } = describeSettingsError(problem);
  return { field, message: sentence };
}

/** Null when the form would be accepted; otherwise the first problem, in plain words. */
export function checkForm(current: Settings, form: SettingsForm): FieldProblem | null {
  try {
    applySettingsPatch(current, patchFromForm(form));
    return null;
  } catch (error) {
    if (error instanceof ValidationError) return describeSettingsProblem(error);
    throw error;
  }
}

/** Streaming with the key itself is chosen together with the key, never by the form alone. */
export function directNeedsKey(settings: Settings, form: SettingsForm): FieldProblem | null {
  if (!switchesToDirectStreaming(settings, form)) return null;
  return { field: 'streamingCredential', message: directNeedsKeySentence };
}
