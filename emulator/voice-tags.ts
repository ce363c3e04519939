/**
 * Who says a scripted line and in which language, for diarize=true and language=multi. A line may
 * start with a tag such as `{speaker=1 language=fr}`; without one, lines alternate between
 * speakers 0 and 1 (by their place in the script) and are heard as English.
 */
import type { RecognizedWord } from './transcriber';

export interface Voice {
  speaker: number;
  language: string;
}

const tagPattern = /^\{([^}]*)\}\s*/;

/** The line without its tag, the tag as written (kept when part of the line is left for later), and the voice. */
export function splitVoice(line: string, lineIndex: number): { text: string; tag: string; voice: Voice } {
  const voice: Voice = { speaker: lineIndex % 2, language: 'en' };
  const match = tagPattern.exec(line);
  if (!match) return { text: line, tag: '', voice };
  for (const part of (match[1] ?? '').split(/\s+/)) {
    const [name, value] = part.split('=');
    if (name === 'speaker' && value !== undefined && /^\d+$/.test(value)) voice.speaker = Number(value);
    if (name === 'language' && value !== undefined && /^[a-z]{2,3}(-[a-z0-9]+)*$/i.test(value))
      voice.language = value;
  }
  return { text: line.slice(match[0].length), tag: match[0], voice };
}

export function voiced(words: readonly RecognizedWord[], voice: Voice): RecognizedWord[] {
  return words.map((word) => ({ ...word, speaker: voice.speaker, language: voice.language }));
}

export const multilingualCode = 'multi';

/** The alternative's `languages`: each language its words were heard in, most words first. */
export function languagesOf(words: readonly { language?: string }[]): string[] {
  const counts = new Map<string, number>();
  for (const { language } of words) if (language) counts.set(language, (counts.get(language) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([language]) => language);
}
