/** Times on the session's timeline, as the export formats write them. Inputs are milliseconds. */

function parts(totalMs: number): { hours: number; minutes: number; seconds: number; millis: number } {
  const ms = Math.max(0, Math.round(totalMs));
  return {
    hours: Math.floor(ms / 3_600_000),
    minutes: Math.floor(ms / 60_000) % 60,
    seconds: Math.floor(ms / 1000) % 60,
    millis: ms % 1000,
  };
}

const two = (value: number) => String(value).padStart(2, '0');
const three = (value: number) => String(value).padStart(3, '0');

/** `00:01:05,250` (SRT). */
export function srtTimestamp(ms: number): string {
  const { hours, minutes, seconds, millis } = parts(ms);
  return `${two(hours)}:${two(minutes)}:${two(seconds)},${three(millis)}`;
}

/** `00:01:05.250` (WebVTT). */
export function vttTimestamp(ms: number): string {
  const { hours, minutes, seconds, millis } = parts(ms);
  return `${two(hours)}:${two(minutes)}:${two(seconds)}.${three(millis)}`;
}

/** `00:01:05` (Markdown, plain text). */
export function clockTime(ms: number): string {
  const { hours, minutes, seconds } = parts(Math.floor(Math.max(0, ms) / 1000) * 1000);
  return `${two(hours)}:${two(minutes)}:${two(seconds)}`;
}

/** Seconds (as the transcript keeps them) to whole milliseconds; a time that is not a number is null. */
export function toMs(seconds: number): number | null {
  return Number.isFinite(seconds) ? Math.max(0, Math.round(seconds * 1000)) : null;
}

/** `2026-11-27 09:00` in the machine's local time. */
export function localDateTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())} ${two(date.getHours())}:${two(date.getMinutes())}`;
}
