/**
 * Deepgram's dictation=true (with punctuate=true): spoken punctuation commands become marks.
 * The emulator removes a command's words and puts its mark on the word before it, and a
 * sentence mark makes the next word start with a capital. A command with no word before it
 * in the utterance is dropped (a new line there is kept for the next word).
 */
import type { RecognizedWord } from './transcriber';

/** Commands of one or two words, longest first so "question mark" wins over a lone "mark". */
const commands: ReadonlyArray<{ words: readonly string[]; mark: string; endsSentence: boolean }> = [
  { words: ['new', 'paragraph'], mark: '\n\n', endsSentence: true },
  { words: ['new', 'line'], mark: '\n', endsSentence: false },
  { words: ['question', 'mark'], mark: '?', endsSentence: true },
  { words: ['exclamation', 'mark'], mark: '!', endsSentence: true },
  { words: ['exclamation', 'point'], mark: '!', endsSentence: true },
  { words: ['full', 'stop'], mark: '.', endsSentence: true },
  { words: ['period'], mark: '.', endsSentence: true },
  { words: ['comma'], mark: ',', endsSentence: false },
  { words: ['colon'], mark: ':', endsSentence: false },
  { words: ['semicolon'], mark: ';', endsSentence: false },
];

function bare(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
}

function commandAt(words: readonly RecognizedWord[], index: number): (typeof commands)[number] | null {
  for (const command of commands) {
    const matches = command.words.every((word, offset) => {
      const candidate = words[index + offset];
      return candidate !== undefined && bare(candidate.text) === word;
    });
    if (matches) return command;
  }
  return null;
}

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function applySpokenPunctuation(words: readonly RecognizedWord[]): RecognizedWord[] {
  const output: RecognizedWord[] = [];
  let capitalizeNext = false;
  let pendingNewLines = '';
  for (let index = 0; index < words.length;) {
    const command = commandAt(words, index);
    if (command) {
      const previous = output[output.length - 1];
      if (previous) {
        // The mark replaces punctuation the source text had on the word before it.
        const text = command.mark.startsWith('\n') ? previous.text : previous.text.replace(/[,.;:!?]+$/, '');
        output[output.length - 1] = { ...previous, text: `${text}${command.mark}` };
      } else if (command.mark.startsWith('\n')) {
        pendingNewLines += command.mark;
      }
      capitalizeNext = command.endsSentence || (capitalizeNext && command.mark.startsWith('\n'));
      index += command.words.length;
      continue;
    }
    const word = words[index] as RecognizedWord;
    const text = `${pendingNewLines}${capitalizeNext ? capitalized(word.text) : word.text}`;
    output.push({ ...word, text });
    pendingNewLines = '';
    capitalizeNext = false;
    index += 1;
  }
  return output;
}

/** Words joined by spaces, except right after a new line. */
export function joinPunctuated(tokens: readonly string[]): string {
  return tokens.reduce(
    (text, token, index) => (index === 0 || text.endsWith('\n') ? text + token : `${text} ${token}`),
    '',
  );
}
