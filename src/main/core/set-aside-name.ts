/**
 * Names for copies of damaged files kept beside the original: `<name>.corrupt-<timestamp><ext>`,
 * the scheme the settings file already uses (src/main/core/settings/settings-file.ts), so a
 * user looking in Earshot's data folder meets one pattern. A copy's name never passes as a
 * session id, so History never lists it.
 */
import { extname } from 'node:path';

export function setAsideName(fileName: string, now: Date): string {
  const extension = extname(fileName);
  const base = fileName.slice(0, fileName.length - extension.length);
  return `${base}.corrupt-${now.toISOString().replace(/[:.]/g, '-')}${extension}`;
}
