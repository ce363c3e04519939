/**
 * Deepgram's privacy options as settings: keep the audio and transcripts out of Deepgram's
 * model improvement (`mip_opt_out`), redact groups of sensitive words (`redact`, repeated for
 * each group) and mask profanity (`profanity_filter`). Sent on every /v1/listen query,
 * including the late transcription of audio kept during an outage.
 */
import { array, literal, ValidationError, type Validator } from './validation';

/** The redaction groups Earshot offers (Deepgram's streaming redaction is English only). */
export const redactionGroups = ['pci', 'pii', 'numbers'] as const;

export type RedactionGroup = (typeof redactionGroups)[number];

export const redactionGroupLabels: Readonly<Record<RedactionGroup, { label: string; explanation: string }>> =
  {
    pci: { label: 'Card details (PCI)', explanation: 'Card numbers, expiry dates and security codes.' },
    pii: {
      label: 'Personal details (PII)',
      explanation: 'Names, email addresses, phone and social security numbers, and similar.',
    },
    numbers: { label: 'Numbers', explanation: 'Any run of three or more digits, such as account numbers.' },
  };

const redactionGroupList = array(literal(...redactionGroups), { maxItems: redactionGroups.length });

/** Each group at most once, in Earshot's order (the query repeats `redact` once per group). */
export const redactionChoice: Validator<RedactionGroup[]> = (value, path) => {
  const groups = redactionGroupList(value, path);
  if (new Set(groups).size !== groups.length) {
    throw new ValidationError({ path, expectation: 'a list of redaction groups, each at most once' });
  }
  return redactionGroups.filter((group) => groups.includes(group));
};

export interface PrivacySettings {
  /** `mip_opt_out=true`: Deepgram keeps this audio and its transcripts out of model improvement. */
  mipOptOut: boolean;
  /** `redact=<group>` for each group chosen. */
  redact: RedactionGroup[];
  /** `profanity_filter=true`: Deepgram masks profanity with asterisks. */
  profanityFilter: boolean;
}

/** The /v1/listen parameters for the privacy settings; nothing when they are off. */
export function privacyQueryParams(settings: PrivacySettings): Record<string, string | string[]> {
  const params: Record<string, string | string[]> = {};
  if (settings.mipOptOut) params.mip_opt_out = 'true';
  if (settings.redact.length > 0) params.redact = [...settings.redact];
  if (settings.profanityFilter) params.profanity_filter = 'true';
  return params;
}
