/** The formats a session can be exported as, and what the save dialog offers for each. */
export const exportFormats = ['txt', 'md', 'srt', 'vtt', 'json'] as const;

export type ExportFormat = (typeof exportFormats)[number];

export interface ExportFormatInfo {
  /** What the person chooses in the window. */
  label: string;
  /** The file name's ending, without the dot. */
  extension: string;
  /** The save dialog's filter name. */
  filterName: string;
}

export const exportFormatInfo: Readonly<Record<ExportFormat, ExportFormatInfo>> = Object.freeze({
  txt: { label: 'Plain text (.txt)', extension: 'txt', filterName: 'Plain text' },
  md: { label: 'Markdown (.md)', extension: 'md', filterName: 'Markdown' },
  srt: { label: 'Subtitles, SRT (.srt)', extension: 'srt', filterName: 'SubRip subtitles' },
  vtt: { label: 'Subtitles, WebVTT (.vtt)', extension: 'vtt', filterName: 'WebVTT subtitles' },
  json: { label: 'JSON, with word timings (.json)', extension: 'json', filterName: 'JSON' },
});

/** What main answers after an export: the file's name only, never where it is. */
export interface ExportResult {
  saved: boolean;
  /** The saved file's base name, when saved. */
  fileName?: string;
}
