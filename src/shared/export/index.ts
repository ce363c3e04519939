export { exportFormats, exportFormatInfo, type ExportFormat, type ExportResult } from './export-format';
export { renderExport, defaultExportFileName } from './render-export';
export { toPlainText, toMarkdown } from './documents';
export { toSrt, toVtt } from './subtitles';
export { toJsonExport, jsonExportVersion, type JsonExport } from './json-export';
