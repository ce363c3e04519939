import type { Settings } from '../../../shared/settings';
import { audioFormatForSource, type SessionAudioFormat } from './audio-format';
import { privacyQueryParams } from '../../../shared/privacy-settings';

/** The /v1/listen query string, as the SDK sends it (booleans as 'true'/'false', keyterm repeated). */
export type ListenQuery = Record<string, string | string[]>;

/**
 * `format` is the session's (fixed at its start from the audio source); kept audio passes the
 * format it was recorded in, whatever the source is now.
 */
export function listenQueryFromSettings(
  settings: Settings,
  format: SessionAudioFormat = audioFormatForSource(settings.audioSource),
): ListenQuery {
  const query: ListenQuery = {
    model: settings.model,
    language: settings.language,
    encoding: format.encoding,
    sample_rate: String(format.sampleRate),
    channels: String(format.channels),
    smart_format: String(settings.smartFormat),
    punctuate: String(settings.punctuate),
    interim_results: String(settings.interimResults),
    endpointing: String(settings.endpointing),
    vad_events: 'true',
  };
  // Each channel transcribed on its own, one Results message per channel (channel_index).
  if (format.channels > 1) query.multichannel = 'true';
  if (settings.utteranceEndMs !== null) query.utterance_end_ms = String(settings.utteranceEndMs);
  if (settings.keyterms.length > 0) query.keyterm = [...settings.keyterms];
  if (settings.diarize) query.diarize = 'true';
  Object.assign(query, privacyQueryParams(settings));
  // Deepgram's dictation needs punctuate=true; the settings refuse one without the other.
  if (settings.spokenPunctuation && settings.punctuate) query.dictation = 'true';
  return query;
}

/** The same query the SDK builds (arrays repeat their key), for re-asking Deepgram about a refusal. */
export function listenUrl(endpoint: string, query: ListenQuery): URL {
  const url = new URL(`${endpoint.replace(/\/+$/, '')}/v1/listen`);
  for (const [name, value] of Object.entries(query)) {
    for (const item of Array.isArray(value) ? value : [value]) url.searchParams.append(name, item);
  }
  return url;
}
