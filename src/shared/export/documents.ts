/** Plain text and Markdown: paragraphs of what was said, with speakers (and, in Markdown, times). */
import type { SessionTranscript } from '../history';
import type { TranscriptSegment } from '../transcript';
import { finalSegments, oneLine, segmentSpeaker, sessionTitleOf, speakerLabeler } from './export-source';
import { clockTime, localDateTime, toMs } from './export-time';

/** Silence between segments at least this long starts a new paragraph. */
const paragraphPauseMs = 2_000;

interface Paragraph {
  startMs: number;
  speaker: number | null;
  texts: string[];
  transcribedLater: boolean;
}

function paragraphsOf(segments: readonly TranscriptSegment[]): Paragraph[] {
  const paragraphs: Paragraph[] = [];
  let lastEndMs = 0;
  for (const segment of segments) {
    const text = oneLine(segment.text);
    if (text === '') continue;
    const startMs = toMs(segment.start) ?? lastEndMs;
    const speaker = segmentSpeaker(segment);
    const later = segment.transcribedLater === true;
    const current = paragraphs[paragraphs.length - 1];
    if (
      current &&
      current.speaker === speaker &&
      current.transcribedLater === later &&
      startMs - lastEndMs < paragraphPauseMs
    ) {
      current.texts.push(text);
    } else {
      paragraphs.push({ startMs, speaker, texts: [text], transcribedLater: later });
    }
    lastEndMs = Math.max(lastEndMs, toMs(segment.end) ?? startMs);
  }
  return paragraphs;
}

export function toPlainText(transcript: SessionTranscript): string {
  const segments = finalSegments(transcript);
  const speakers = speakerLabeler(transcript, segments);
  const paragraphs = paragraphsOf(segments).map((paragraph) => {
    const label = speakers.diarized ? speakers.label(paragraph.speaker) : null;
    const text = paragraph.texts.join(' ');
    return label === null ? text : `${label}: ${text}`;
  });
  return paragraphs.length === 0 ? '' : `${paragraphs.join('\n\n')}\n`;
}

/** Characters Markdown would read as formatting are shown as themselves. */
function markdownEscape(text: string): string {
  return text.replace(/[\\`*_{}[\]<>()#+!|~]/g, '\\$&').replace(/^([-=])/, '\\$1');
}

export function toMarkdown(transcript: SessionTranscript): string {
  const segments = finalSegments(transcript);
  const speakers = speakerLabeler(transcript, segments);
  const { summary } = transcript;
  const started = localDateTime(summary.startedAt);
  const title = sessionTitleOf(transcript) ?? `Transcript of ${started}`;
  const lines = [`# ${markdownEscape(title)}`, ''];
  lines.push(`- Started: ${started}`);
  lines.push(`- Length: ${clockTime(summary.durationSeconds * 1000)}`);
  if (summary.interrupted) lines.push('- The app stopped before this session was stopped.');
  lines.push('');
  const paragraphs = paragraphsOf(segments);
  if (paragraphs.length === 0) lines.push('_Nothing was transcribed in this session._', '');
  for (const paragraph of paragraphs) {
    const label = speakers.diarized ? speakers.label(paragraph.speaker) : null;
    const lead =
      label === null
        ? `[${clockTime(paragraph.startMs)}]`
        : `[${clockTime(paragraph.startMs)}] ${markdownEscape(label)}:`;
    const later = paragraph.transcribedLater ? ' _(transcribed later)_' : '';
    lines.push(`**${lead}** ${markdownEscape(paragraph.texts.join(' '))}${later}`, '');
  }
  return lines.join('\n');
}
