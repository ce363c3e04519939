export { exportFormats, exportFormatInfo, type ExportFormat, type ExportResult } from './export-format';
export { renderExport, defaultExportFileName } from './render-export';
export { toPlainText, toMarkdown } from './documents';
export { toSrt, toVtt } from './subtitles';
export { toJson, toJsonExport, jsonExportFormat, jsonExportVersion, type JsonExport } from './json-export';
export { buildCues, cueLimits, type SubtitleCue } from './subtitle-cues';
