/** Opening lines of Lewis Carroll's "Alice's Adventures in Wonderland" (1865, public domain). */
export const demoLines: readonly string[] = [
  'Alice was beginning to get very tired of sitting by her sister on the bank,',
  'and of having nothing to do.',
  'Once or twice she had peeped into the book her sister was reading,',
  'but it had no pictures or conversations in it.',
  'And what is the use of a book, thought Alice, without pictures or conversations?',
  'So she was considering in her own mind whether the pleasure of making a daisy chain',
  'would be worth the trouble of getting up and picking the daisies,',
  'when suddenly a White Rabbit with pink eyes ran close by her.',
];

/** Enough lines for a long demo session: the emulator consumes one per utterance. */
export function demoScript(cycles = 250): string[] {
  return Array.from({ length: cycles }, () => demoLines).flat();
}
