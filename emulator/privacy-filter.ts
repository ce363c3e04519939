/**
 * Deepgram's privacy options as the emulator applies them to recognized words, per connection.
 *
 * - `redact`: each redacted stretch of words becomes one word, `[LABEL_n]`, timed from its first
 *   word's start to its last word's end, where n numbers the distinct values of that label on
 *   the connection (the same card number twice is `[CREDIT_CARD_1]` both times). What is found:
 *   - `pci`: 13–19 digits that pass the Luhn check (`CREDIT_CARD`); 3–4 digits after "cvv",
 *     "cvc" or "security code" (`CARD_SECURITY_CODE`); a month/year after "expires" or
 *     "expiration" (`CARD_EXPIRATION`).
 *   - `pii`: email addresses (`EMAIL_ADDRESS`); 3-2-4 digit or 9-digit runs (`SSN`); 10–11 digit
 *     runs (`PHONE_NUMBER`); capitalized words after "my name is", "I'm", "I am", "this is",
 *     "call me", or a title such as "Dr." (`NAME`).
 *   - `numbers` (or `true`): any run of three or more numerals (`NUMBER`).
 *   Digits may be written ("4111") or spoken ("four one one one"); separators such as "-" join.
 * - `profanity_filter`: words on a short list become asterisks, one per letter.
 * - `mip_opt_out` changes nothing in the words; it is recorded with the connection's query.
 *
 * Deepgram's own detection is a model, not these rules: the emulator is faithful in shape (what
 * the words look like after redaction, that interims are redacted too), not in recall.
 */
import type { RecognizedWord } from './transcriber';

/** What Deepgram accepts for `redact` (groups, and true/false); other values are refused at the handshake. */
export const knownRedactValues = [
  'true',
  'false',
  'pci',
  'pii',
  'phi',
  'numbers',
  'aggressive_numbers',
  'ssn',
];

export interface ListenPrivacy {
  mipOptOut: boolean;
  /** The redact values sent, in order (`true` counts as `numbers`). */
  redact: string[];
  profanityFilter: boolean;
}

/** The privacy options of a query, or the sentence Deepgram would refuse them with. */
export function listenPrivacy(
  redact: string[],
  mipOptOut: boolean,
  profanityFilter: boolean,
): ListenPrivacy | string {
  const unknown = redact.find((value) => !knownRedactValues.includes(value));
  if (unknown !== undefined) return `redact: unknown variant \`${unknown}\``;
  return { mipOptOut, redact: redact.filter((value) => value !== 'false'), profanityFilter };
}

const spokenDigits: Record<string, string> = {
  zero: '0', oh: '0', one: '1', two: '2', three: '3', four: '4', five: '5', six: '6', seven: '7', eight: '8', nine: '9',
}; // prettier-ignore

const profanities = new Set([
  'damn',
  'shit',
  'fuck',
  'fucking',
  'bitch',
  'bastard',
  'crap',
  'asshole',
  'bullshit',
]);

const emailPattern = /^[\w.+-]+@[\w-]+(\.[\w-]+)+$/;
const namePrompts = [['my', 'name', 'is'], ["i'm"], ['i', 'am'], ['this', 'is'], ['call', 'me'], ["name's"]];
const titles = new Set(['mr', 'mrs', 'ms', 'dr', 'mr.', 'mrs.', 'ms.', 'dr.']);

interface Token {
  word: RecognizedWord;
  core: string;
  trailing: string;
  digits: string | null;
}

function tokenOf(word: RecognizedWord): Token {
  const match = /^(.*?)([.,;:!?"')\]]*)$/s.exec(word.text.trim());
  const core = match?.[1] ?? word.text;
  const trailing = match?.[2] ?? '';
  const lower = core.toLowerCase();
  const digits = /^\d[\d-]*$/.test(core) ? core.replace(/-/g, '') : (spokenDigits[lower] ?? null);
  return { word, core, trailing, digits };
}

function luhn(digits: string): boolean {
  let sum = 0;
  for (let index = 0; index < digits.length; index += 1) {
    let digit = Number(digits[digits.length - 1 - index]);
    if (index % 2 === 1) digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
    sum += digit;
  }
  return sum % 10 === 0;
}

interface Span {
  from: number;
  to: number;
  label: string;
  value: string;
}

function directlyPrecededBy(tokens: readonly Token[], at: number, words: readonly string[]): boolean {
  if (at < words.length) return false;
  return words.every((word, index) => tokens[at - words.length + index]!.core.toLowerCase() === word);
}

/** The words come right before `at`, or with "is" between ("the cvv is 123"). */
function precededBy(tokens: readonly Token[], at: number, words: readonly string[]): boolean {
  return directlyPrecededBy(tokens, at, words) || directlyPrecededBy(tokens, at, [...words, 'is']);
}

function findSpans(tokens: readonly Token[], groups: ReadonlySet<string>): Span[] {
  const spans: Span[] = [];
  const taken = new Set<number>();
  const add = (from: number, to: number, label: string, value: string): void => {
    for (let index = from; index <= to; index += 1) if (taken.has(index)) return;
    for (let index = from; index <= to; index += 1) taken.add(index);
    spans.push({ from, to, label, value });
  };
  const runs: { from: number; to: number; digits: string }[] = [];
  for (let index = 0; index < tokens.length; index += 1) {
    if (tokens[index]!.digits === null) continue;
    let to = index;
    while (to + 1 < tokens.length && tokens[to + 1]!.digits !== null && tokens[to]!.trailing === '') to += 1;
    runs.push({
      from: index,
      to,
      digits: tokens
        .slice(index, to + 1)
        .map((token) => token.digits)
        .join(''),
    });
    index = to;
  }
  if (groups.has('pci')) {
    for (const run of runs) {
      const length = run.digits.length;
      if (length >= 13 && length <= 19 && luhn(run.digits)) add(run.from, run.to, 'CREDIT_CARD', run.digits);
      const afterCode =
        precededBy(tokens, run.from, ['cvv']) ||
        precededBy(tokens, run.from, ['cvc']) ||
        precededBy(tokens, run.from, ['security', 'code']);
      if (afterCode && length >= 3 && length <= 4) add(run.from, run.to, 'CARD_SECURITY_CODE', run.digits);
    }
    tokens.forEach((token, index) => {
      const afterExpiry = precededBy(tokens, index, ['expires']) || precededBy(tokens, index, ['expiration']);
      if (afterExpiry && /^\d{1,2}\/\d{2,4}$/.test(token.core))
        add(index, index, 'CARD_EXPIRATION', token.core);
    });
  }
  if (groups.has('pii') || groups.has('ssn')) {
    for (const run of runs) {
      const ssnShape = /^\d{3}-\d{2}-\d{4}$/.test(tokens[run.from]!.core) && run.from === run.to;
      if (ssnShape || run.digits.length === 9) add(run.from, run.to, 'SSN', run.digits);
    }
  }
  if (groups.has('pii')) {
    tokens.forEach((token, index) => {
      if (emailPattern.test(token.core)) add(index, index, 'EMAIL_ADDRESS', token.core.toLowerCase());
    });
    for (const run of runs) {
      if (run.digits.length >= 10 && run.digits.length <= 11)
        add(run.from, run.to, 'PHONE_NUMBER', run.digits);
    }
    tokens.forEach((token, index) => {
      const prompted =
        namePrompts.some((prompt) => precededBy(tokens, index, prompt)) ||
        (index > 0 && titles.has(tokens[index - 1]!.core.toLowerCase()));
      if (!prompted || !/^\p{Lu}\p{Ll}+$/u.test(token.core)) return;
      const next = tokens[index + 1];
      const to = token.trailing === '' && next && /^\p{Lu}\p{Ll}+$/u.test(next.core) ? index + 1 : index;
      add(
        index,
        to,
        'NAME',
        tokens
          .slice(index, to + 1)
          .map((part) => part.core.toLowerCase())
          .join(' '),
      );
    });
  }
  if (groups.has('numbers') || groups.has('true') || groups.has('aggressive_numbers')) {
    for (const run of runs) if (run.digits.length >= 3) add(run.from, run.to, 'NUMBER', run.digits);
  }
  return spans.sort((a, b) => a.from - b.from);
}

/** One connection's filter: redaction numbering is kept across its results. */
export function createPrivacyFilter(
  privacy: ListenPrivacy | undefined,
): (words: readonly RecognizedWord[]) => RecognizedWord[] {
  const groups = new Set(privacy?.redact ?? []);
  const numbering = new Map<string, Map<string, number>>();
  const numberOf = (label: string, value: string): number => {
    const values = numbering.get(label) ?? new Map<string, number>();
    numbering.set(label, values);
    if (!values.has(value)) values.set(value, values.size + 1);
    return values.get(value)!;
  };
  return (words) => {
    let result = [...words];
    if (groups.size > 0) {
      const tokens = result.map(tokenOf);
      const spans = findSpans(tokens, groups);
      const redacted: RecognizedWord[] = [];
      let index = 0;
      for (const span of spans) {
        redacted.push(...result.slice(index, span.from));
        const first = tokens[span.from]!.word;
        const last = tokens[span.to]!.word;
        const confidence = Math.min(
          ...tokens.slice(span.from, span.to + 1).map((token) => token.word.confidence),
        );
        redacted.push({
          ...first,
          text: `[${span.label}_${numberOf(span.label, span.value)}]${tokens[span.to]!.trailing}`,
          end: last.end,
          confidence,
        });
        index = span.to + 1;
      }
      redacted.push(...result.slice(index));
      result = redacted;
    }
    if (privacy?.profanityFilter) {
      result = result.map((word) => {
        const token = tokenOf(word);
        if (!profanities.has(token.core.toLowerCase())) return word;
        return { ...word, text: `${'*'.repeat([...token.core].length)}${token.trailing}` };
      });
    }
    return result;
  };
}
