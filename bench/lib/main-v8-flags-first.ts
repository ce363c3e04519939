/**
 * Imported first by the processes that stand in for Electron's main (soak-main-child.ts), so
 * main's V8 flags are set before anything else runs, as src/main/index.ts sets them in the
 * app. EARSHOT_SOAK_V8=default leaves V8's defaults, for the comparison.
 */
import { applyMainV8Flags, mainV8Flags } from '../../src/main/v8-flags';

export const appliedV8Flags: string[] = process.env.EARSHOT_SOAK_V8 === 'default' ? [] : [...mainV8Flags];
if (appliedV8Flags.length > 0) applyMainV8Flags();
