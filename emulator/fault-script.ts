/**
 * A persistent fault script, and its text form for the command line and environment:
 * `cut-after=6s,cut-with=drop,refuse-after-cut=2x503`. Pure: no I/O.
 */

export type RefusalStatus = 429 | 503 | 401 | 402 | 403;

export const refusalStatuses: readonly RefusalStatus[] = [429, 503, 401, 402, 403];

/** How a cut connection ends: a TCP drop (the client sees 1006) or a server close frame 1011. */
export type CutKind = 'drop' | 1011;

export interface FaultScript {
  /** Every connection is cut once it has received this much audio (its own, replays included). */
  cutAfterMs: number | null;
  cutWith: CutKind;
  /** After each cut, the next `count` handshakes are refused with `status`. */
  refuseAfterCut: { count: number; status: RefusalStatus } | null;
}

export const noFaults: Readonly<FaultScript> = Object.freeze({
  cutAfterMs: null,
  cutWith: 'drop',
  refuseAfterCut: null,
});

export const faultScriptSyntax =
  'comma-separated: cut-after=<duration, e.g. 6s or 500ms>, cut-with=drop|1011, refuse-after-cut=<count>[x<status>] (status 429, 503, 401, 402 or 403; default 503)';

function invalid(detail: string): Error {
  return new Error(`Invalid fault script: ${detail}. Expected ${faultScriptSyntax}.`);
}

function parseDuration(text: string): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s)$/.exec(text);
  if (!match) throw invalid(`"${text}" is not a duration like 6s or 500ms`);
  const ms = Number(match[1]) * (match[2] === 's' ? 1000 : 1);
  if (ms <= 0) throw invalid('cut-after must be more than 0');
  return ms;
}

function parseCutKind(text: string): CutKind {
  if (text === 'drop') return 'drop';
  if (text === '1011') return 1011;
  throw invalid(`cut-with must be drop or 1011, not "${text}"`);
}

function parseRefusals(text: string): FaultScript['refuseAfterCut'] {
  const match = /^(\d+)(?:x(\d{3}))?$/.exec(text);
  if (!match) throw invalid(`"${text}" is not a refusal count like 2 or 2x503`);
  const count = Number(match[1]);
  const status = Number(match[2] ?? 503);
  const known = refusalStatuses.find((candidate) => candidate === status);
  if (known === undefined)
    throw invalid(`refusal status ${status} is not one of ${refusalStatuses.join(', ')}`);
  return count === 0 ? null : { count, status: known };
}

/** Parses the text form; an empty text (or "none") is no faults. Throws an Error that says what is wrong. */
export function parseFaultScript(text: string): FaultScript {
  const script: FaultScript = { ...noFaults };
  const trimmed = text.trim();
  if (trimmed === '' || trimmed === 'none') return script;
  const seen = new Set<string>();
  for (const part of trimmed.split(',')) {
    const [rawName, rawValue, ...extra] = part.split('=');
    const name = rawName?.trim() ?? '';
    const value = rawValue?.trim() ?? '';
    if (extra.length > 0 || value === '') throw invalid(`"${part.trim()}" is not name=value`);
    if (seen.has(name)) throw invalid(`${name} is given twice`);
    seen.add(name);
    if (name === 'cut-after') script.cutAfterMs = parseDuration(value);
    else if (name === 'cut-with') script.cutWith = parseCutKind(value);
    else if (name === 'refuse-after-cut') script.refuseAfterCut = parseRefusals(value);
    else throw invalid(`unknown fault "${name}"`);
  }
  if (script.cutAfterMs === null && (seen.has('cut-with') || script.refuseAfterCut !== null)) {
    throw invalid('cut-with and refuse-after-cut need cut-after');
  }
  return script;
}

/** The text form of a script; parseFaultScript(formatFaultScript(s)) equals s. */
export function formatFaultScript(script: FaultScript): string {
  if (script.cutAfterMs === null) return 'none';
  const parts = [`cut-after=${script.cutAfterMs}ms`, `cut-with=${script.cutWith}`];
  const refusals = script.refuseAfterCut;
  if (refusals) parts.push(`refuse-after-cut=${refusals.count}x${refusals.status}`);
  return parts.join(',');
}
