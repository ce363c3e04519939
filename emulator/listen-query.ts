import { errors, type DeepgramError } from './errors';
import { listenPrivacy, type ListenPrivacy } from './privacy-filter';

export type QueryValues = Record<string, string | string[]>;

export interface ListenOptions {
  model: string;
  /** As sent (default en); `multi` is Nova-3 code-switching. */
  language: string;
  encoding: string | null;
  sampleRate: number | null;
  channels: number;
  multichannel: boolean;
  interimResults: boolean;
  punctuate: boolean;
  smartFormat: boolean;
  diarize: boolean;
  vadEvents: boolean;
  /** Silence in ms that ends an utterance, or false. */
  endpointing: number | false;
  utteranceEndMs: number | null;
  /** mip_opt_out, redact, profanity_filter (privacy-filter.ts applies them); absent in hand-made options. */
  privacy?: ListenPrivacy;
  /** dictation=true: spoken punctuation becomes marks (with punctuate only). */
  dictation: boolean;
  /** The handshake's keyterms; a Configure message may replace them on the connection. */
  keyterms: string[];
}

const encodings = new Set([
  'linear16', 'linear32', 'flac', 'alaw', 'mulaw', 'amr-nb', 'amr-wb', 'opus', 'ogg-opus', 'speex', 'g729',
]); // prettier-ignore

const modelPattern =
  /^(nova-3(-general|-medical)?|nova-2(-[a-z]+)?|nova(-[a-z]+)?|enhanced(-[a-z]+)?|base(-[a-z]+)?|whisper(-[a-z]+)?)$/;

const booleanParams = [
  'interim_results', 'punctuate', 'smart_format', 'numerals', 'profanity_filter', 'dictation', 'detect_entities',
  'multichannel', 'diarize', 'vad_events', 'filler_words', 'mip_opt_out', 'no_delay', 'detect_language',
]; // prettier-ignore

const keytermTokenLimit = 500;

class QueryError extends Error {
  constructor(readonly error: DeepgramError) {
    super(error.errMsg);
  }
}

function deserializeError(message: string): QueryError {
  return new QueryError(errors.invalidQuery(`Failed to deserialize query parameters: ${message}`));
}

function single(query: QueryValues, name: string): string | undefined {
  const value = query[name];
  if (Array.isArray(value)) {
    if (value.length > 1) throw deserializeError(`duplicate field \`${name}\``);
    return value[0];
  }
  return value;
}

function list(query: QueryValues, name: string): string[] {
  const value = query[name];
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

function booleanParam(query: QueryValues, name: string): boolean {
  const value = single(query, name);
  if (value === undefined) return false;
  if (value === 'true') return true;
  if (value === 'false') return false;
  throw deserializeError(`${name}: invalid value: string "${value}", expected a boolean`);
}

function integerParam(query: QueryValues, name: string): number | null {
  const value = single(query, name);
  if (value === undefined) return null;
  if (!/^\d+$/.test(value)) throw deserializeError(`${name}: invalid digit found in string "${value}"`);
  return Number(value);
}

export function queryFromUrl(url: URL): QueryValues {
  const query: QueryValues = {};
  for (const [name, value] of url.searchParams) {
    const existing = query[name];
    if (existing === undefined) query[name] = value;
    else query[name] = Array.isArray(existing) ? [...existing, value] : [existing, value];
  }
  return query;
}

function parse(query: QueryValues): ListenOptions {
  for (const name of booleanParams) booleanParam(query, name);
  const model = single(query, 'model') ?? 'base';
  if (!modelPattern.test(model)) {
    throw new QueryError(
      errors.invalidQuery(`No such model/language/tier combination found: model=${model}.`),
    );
  }
  const isNova3 = model.startsWith('nova-3');

  const encoding = single(query, 'encoding') ?? null;
  if (encoding !== null && !encodings.has(encoding)) {
    throw deserializeError(`encoding: unknown variant \`${encoding}\``);
  }
  const sampleRate = integerParam(query, 'sample_rate');
  if (encoding !== null && sampleRate === null) {
    throw new QueryError(errors.invalidQuery('sample_rate must be specified when encoding is specified.'));
  }
  if (sampleRate !== null && (sampleRate < 8000 || sampleRate > 192000)) {
    throw new QueryError(errors.invalidQuery(`sample_rate ${sampleRate} is not supported.`));
  }
  const channels = integerParam(query, 'channels') ?? 1;
  if (channels < 1) throw new QueryError(errors.invalidQuery('channels must be at least 1.'));

  const endpointingValue = single(query, 'endpointing');
  let endpointing: number | false = 10;
  if (endpointingValue === 'false') endpointing = false;
  else if (endpointingValue !== undefined && endpointingValue !== 'true') {
    const parsed = integerParam(query, 'endpointing');
    if (parsed !== null) endpointing = parsed;
  }

  const interimResults = booleanParam(query, 'interim_results');
  const utteranceEndMs = integerParam(query, 'utterance_end_ms');
  if (utteranceEndMs !== null && !interimResults) {
    throw new QueryError(errors.invalidQuery('utterance_end_ms requires interim_results=true.'));
  }

  const keywords = list(query, 'keywords').filter((keyword) => keyword.length > 0);
  if (isNova3 && keywords.length > 0) {
    throw new QueryError(
      errors.invalidQuery('Keywords are not supported for Nova-3. Please use `keyterm` instead.'),
    );
  }
  const keyterms = list(query, 'keyterm');
  if (keyterms.length > 0 && !isNova3) {
    throw new QueryError(errors.invalidQuery('Keyterm prompting is only supported for Nova-3 models.'));
  }
  const keytermTokens = keyterms.reduce((total, term) => total + term.split(/\s+/).filter(Boolean).length, 0);
  if (keytermTokens > keytermTokenLimit) {
    throw new QueryError(
      errors.invalidQuery('Keyterm limit exceeded. The maximum number of tokens across all keyterms is 500.'),
    );
  }

  const privacy = listenPrivacy(
    list(query, 'redact'),
    booleanParam(query, 'mip_opt_out'),
    booleanParam(query, 'profanity_filter'),
  );
  if (typeof privacy === 'string') throw deserializeError(privacy);
  const diarizeModel = single(query, 'diarize_model');
  return {
    model,
    language: single(query, 'language') ?? 'en',
    encoding,
    sampleRate,
    channels,
    multichannel: booleanParam(query, 'multichannel'),
    interimResults,
    punctuate: booleanParam(query, 'punctuate'),
    smartFormat: booleanParam(query, 'smart_format'),
    diarize: booleanParam(query, 'diarize') || diarizeModel !== undefined,
    vadEvents: booleanParam(query, 'vad_events'),
    endpointing,
    utteranceEndMs,
    privacy,
    dictation: booleanParam(query, 'dictation'),
    keyterms,
  };
}

/** Validates /v1/listen options as Deepgram does at the handshake. */
export function parseListenQuery(query: QueryValues): { options: ListenOptions } | { error: DeepgramError } {
  try {
    return { options: parse(query) };
  } catch (error) {
    if (error instanceof QueryError) return { error: error.error };
    throw error;
  }
}
