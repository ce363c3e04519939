/** SRT and WebVTT files from the shared cues. */
import type { SessionTranscript } from '../history';
import { finalSegments, speakerLabeler } from './export-source';
import { srtTimestamp, vttTimestamp } from './export-time';
import { buildCues } from './subtitle-cues';

/** "-->" would read as a timing line; a line break inside a cue is never written. */
function srtText(text: string): string {
  return text.replace(/-->/g, '->');
}

/**
 * SubRip: numbered cues, `HH:MM:SS,mmm --> HH:MM:SS,mmm`, CRLF-free (every player reads LF).
 * In a diarized session each cue starts with its speaker, as "Name: ".
 */
export function toSrt(transcript: SessionTranscript): string {
  const segments = finalSegments(transcript);
  const speakers = speakerLabeler(transcript, segments);
  const prefixOf = (speaker: number | null): string => {
    const label = speakers.diarized ? speakers.label(speaker) : null;
    return label === null ? '' : `${label}: `;
  };
  const cues = buildCues(segments, { prefixLength: (speaker) => [...prefixOf(speaker)].length });
  return cues
    .map((cue, index) => {
      const lines = cue.lines.map((line, lineIndex) =>
        srtText(lineIndex === 0 ? prefixOf(cue.speaker) + line : line),
      );
      return `${index + 1}\n${srtTimestamp(cue.startMs)} --> ${srtTimestamp(cue.endMs)}\n${lines.join('\n')}\n`;
    })
    .join('\n');
}

/** WebVTT cue text and voice names escape the three characters that would start markup. */
function vttEscape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** WebVTT: a header, then cues; a diarized session's speakers are voice spans, `<v Speaker 1>`. */
export function toVtt(transcript: SessionTranscript): string {
  const segments = finalSegments(transcript);
  const speakers = speakerLabeler(transcript, segments);
  const cues = buildCues(segments);
  const body = cues.map((cue) => {
    const label = speakers.diarized ? speakers.label(cue.speaker) : null;
    const text = cue.lines.map(vttEscape).join('\n');
    const shown = label === null ? text : `<v ${vttEscape(label)}>${text}</v>`;
    return `${vttTimestamp(cue.startMs)} --> ${vttTimestamp(cue.endMs)}\n${shown}\n`;
  });
  return ['WEBVTT\n', ...body].join('\n');
}
