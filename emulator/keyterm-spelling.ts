/**
 * How the emulator shows that keyterms reach it: Deepgram recognises a keyterm more readily
 * and writes it as given, so a recognised word (or run of words) that matches a keyterm,
 * ignoring case and punctuation, takes the keyterm's spelling; the word's own punctuation stays.
 */
import type { RecognizedWord } from './transcriber';

function bare(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}'-]/gu, '');
}

/** The word's leading and trailing punctuation (and new lines) around its letters. */
function framing(text: string): { before: string; after: string } {
  const before = /^[^\p{L}\p{N}]*/u.exec(text)?.[0] ?? '';
  const after = /[^\p{L}\p{N}]*$/u.exec(text.slice(before.length))?.[0] ?? '';
  return { before, after };
}

export function applyKeyterms(
  words: readonly RecognizedWord[],
  keyterms: readonly string[],
): RecognizedWord[] {
  const terms = keyterms
    .map((term) => term.trim().split(/\s+/).filter(Boolean))
    .filter((tokens) => tokens.length > 0)
    // Longer terms first, so "Earshot Pro" wins over "Earshot".
    .sort((a, b) => b.length - a.length);
  const output = [...words];
  for (let index = 0; index < output.length; index += 1) {
    for (const tokens of terms) {
      const matches = tokens.every((token, offset) => {
        const word = output[index + offset];
        return word !== undefined && bare(word.text) === bare(token);
      });
      if (!matches) continue;
      tokens.forEach((token, offset) => {
        const word = output[index + offset] as RecognizedWord;
        const { before, after } = framing(word.text);
        output[index + offset] = { ...word, text: `${before}${token}${after}` };
      });
      index += tokens.length - 1;
      break;
    }
  }
  return output;
}
