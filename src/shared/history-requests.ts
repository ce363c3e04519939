/**
 * What the window may send about History (validated by main's dispatcher before any handler
 * runs): search text, session titles and speaker names are printable text of bounded length.
 */
import {
  searchQueryMaxLength,
  sessionTitleMaxLength,
  speakerKeyMaxLength,
  speakerNameMaxLength,
} from './history';
import { string } from './validation';

/** No control characters (line breaks included) and no lone surrogates. */
const printable = /^[^\p{Cc}\p{Cs}]*$/u;

export const searchQuery = string({
  maxLength: searchQueryMaxLength,
  pattern: printable,
  patternDescription: 'printable text',
});

/** Blank gives the session back its first words as its name. */
export const sessionTitle = string({
  maxLength: sessionTitleMaxLength,
  pattern: printable,
  patternDescription: 'printable text',
});

export const speakerKey = string({
  minLength: 1,
  maxLength: speakerKeyMaxLength,
  pattern: printable,
  patternDescription: 'printable text',
});

/** Blank forgets the speaker's name. */
export const speakerName = string({
  maxLength: speakerNameMaxLength,
  pattern: printable,
  patternDescription: 'printable text',
});
