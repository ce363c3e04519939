import type { Settings } from '../../../shared/settings';
import { audioFormat } from './audio-format';
import { privacyQueryParams } from '../../../shared/privacy-settings';

/** The /v1/listen query string, as the SDK sends it (booleans as 'true'/'false', keyterm repeated). */
export type ListenQuery = Record<string, string | string[]>;

export function listenQueryFromSettings(settings: Settings): ListenQuery {
  const query: ListenQuery = {
    model: settings.model,
    language: settings.language,
    encoding: audioFormat.encoding,
    sample_rate: String(audioFormat.sampleRate),
    channels: String(audioFormat.channels),
    smart_format: String(settings.smartFormat),
    punctuate: String(settings.punctuate),
    interim_results: String(settings.interimResults),
    endpointing: String(settings.endpointing),
    vad_events: 'true',
  };
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
