/**
 * System audio on Linux. PulseAudio (and PipeWire's pulse server) give every output a
 * monitor source carrying what it plays, but Chromium leaves monitors out of the inputs it
 * lists, so the window cannot open one. While "System audio" or "Both" is chosen, main adds an
 * ordinary source fed from the default output's monitor (module-remap-source, named
 * "Earshot system audio"), which Chromium lists like any microphone; it is removed when the
 * source goes back to the microphone and when Earshot quits. Nothing else in the sound
 * setup is touched, and a source of that name already there (left by a crash) is reused.
 */
import type { AudioSource } from '../../../shared/settings';
import { errorName, type Logger } from '../logger';

export const earshotSourceName = 'earshot_system_audio';
/** What Chromium shows as the input's label (the window looks for it). */
export const earshotSourceLabel = 'Earshot system audio';

/** Runs `pactl` with these arguments and resolves with its standard output. */
export type PactlRunner = (args: readonly string[]) => Promise<string>;

export interface SystemAudioSource {
  /** Makes sure the source exists; false when PulseAudio cannot be reached (no pactl, no server). */
  ensure(): Promise<boolean>;
  /** Removes the source Earshot added, if it added one. */
  remove(): Promise<void>;
}

function listsSource(shortSources: string): boolean {
  return shortSources.split('\n').some((line) => line.split('\t')[1] === earshotSourceName);
}

export function createPulseSystemSource(pactl: PactlRunner, log: Logger): SystemAudioSource {
  let moduleIndex: string | null = null;
  // One change at a time, in the order asked.
  let queue: Promise<unknown> = Promise.resolve();
  const serially = <T>(step: () => Promise<T>): Promise<T> => {
    const next = queue.then(step, step);
    queue = next.catch(() => undefined);
    return next;
  };
  return {
    ensure: () =>
      serially(async () => {
        try {
          if (listsSource(await pactl(['list', 'short', 'sources']))) return true;
          const output = await pactl([
            'load-module',
            'module-remap-source',
            'master=@DEFAULT_MONITOR@',
            `source_name=${earshotSourceName}`,
            // The whole value quoted for the module's argument parser, the label for the property list's.
            `source_properties="device.description='${earshotSourceLabel}'"`,
          ]);
          moduleIndex = /^\d+$/.test(output.trim()) ? output.trim() : null;
          log.info('system audio source added', { module: moduleIndex ?? 'unknown' });
          return true;
        } catch (error) {
          log.warn('system audio source could not be added', { errorName: errorName(error) });
          return false;
        }
      }),
    remove: () =>
      serially(async () => {
        if (moduleIndex === null) return;
        const index = moduleIndex;
        moduleIndex = null;
        await pactl(['unload-module', index]).catch((error: unknown) =>
          log.warn('system audio source could not be removed', { errorName: errorName(error) }),
        );
      }),
  };
}

/**
 * Keeps the source in step with the chosen audio source: there while it needs system audio, gone
 * otherwise. Changes are coalesced: at most one `pactl` change runs at a time, and when it ends
 * only the latest choice is applied, so a window flipping the setting in a loop cannot queue
 * work or processes without bound (issue 8: main can't be worn down from the window).
 */
export function followAudioSource(
  source: SystemAudioSource,
  current: AudioSource,
  onChange: (listener: (audioSource: AudioSource) => void) => () => void,
): { dispose(): Promise<void> } {
  let wanted = current !== 'microphone';
  let applied = false;
  let applying: Promise<void> | null = null;
  const catchUp = (): void => {
    if (applying !== null || applied === wanted) return;
    applying = (async () => {
      try {
        while (applied !== wanted) {
          applied = wanted;
          await (applied ? source.ensure() : source.remove());
        }
      } finally {
        applying = null;
      }
    })();
  };
  catchUp();
  const stop = onChange((audioSource) => {
    wanted = audioSource !== 'microphone';
    catchUp();
  });
  return {
    async dispose() {
      stop();
      await applying;
      await source.remove();
    },
  };
}
