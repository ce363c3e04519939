/**
 * V8 flags main sets on itself at start. Main's V8 is already running when index.ts runs
 * (Electron reads --js-flags for main only from its own command line), so only flags V8 reads
 * while it runs can be set here. The young generation's growth factor is one: V8 reads it each
 * time it considers enlarging the young generation. At 1 the young generation stays at its
 * initial size instead of doubling under a burst of allocation and keeping that memory
 * committed for the rest of the session; the price is more, smaller scavenges
 * (docs/PERFORMANCE.md has both figures, from bench:soak).
 */
import { setFlagsFromString } from 'node:v8';

export const mainV8Flags: readonly string[] = ['--semi-space-growth-factor=1'];

export function applyMainV8Flags(setFlags: (flags: string) => void = setFlagsFromString): void {
  for (const flag of mainV8Flags) setFlags(flag);
}
