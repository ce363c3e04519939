/**
 * Main's Linux system-audio glue against a real (private) PulseAudio server: choosing System
 * audio adds "Earshot system audio", an ordinary source fed from the default output's monitor;
 * going back to the microphone and quitting remove it, and nothing else in the server changes.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { createMemoryLogger } from '../../../src/main/core/logger';
import { earshotSourceName } from '../../../src/main/core/system-audio/pulse-system-source';
import { followSystemAudioSource, pactlRunner } from '../../../src/main/system-audio-glue';
import type { Settings } from '../../../src/shared/settings';
import { defaultSettings } from '../../../src/shared/settings';
import { pulseToolsMissing, startPulseServer, type PulseServer } from '../../support/pulse-server';

const run = promisify(execFile);
const missing = pulseToolsMissing();

describe.skipIf(missing !== null)(
  `PulseAudio system-audio source${missing ? ` (skipped: ${missing})` : ''}`,
  () => {
    let pulse: PulseServer | null = null;
    afterEach(async () => {
      await pulse?.close();
      pulse = null;
    });

    async function sources(): Promise<Array<{ name: string; description: string }>> {
      const { stdout } = await run('pactl', ['--format=json', 'list', 'sources'], {
        env: { ...process.env, ...pulse!.env },
      });
      return (JSON.parse(stdout) as Array<{ name: string; description: string }>).map(
        ({ name, description }) => ({
          name,
          description,
        }),
      );
    }

    it('is added while system audio is chosen, from the default monitor, and removed after', async () => {
      pulse = await startPulseServer([{ name: 'speakers', description: 'Speakers' }]);
      let settings: Settings = { ...defaultSettings, audioSource: 'system' };
      const listeners = new Set<(settings: Settings) => void>();
      const core = {
        currentSettings: () => settings,
        observeSettings: (listener: (settings: Settings) => void) => {
          listeners.add(listener);
          return () => listeners.delete(listener);
        },
      };
      const change = (audioSource: Settings['audioSource']) => {
        settings = { ...settings, audioSource };
        for (const listener of listeners) listener(settings);
      };
      const log = createMemoryLogger();
      const follower = followSystemAudioSource(core, log, {
        platform: 'linux',
        pactl: pactlRunner({ ...process.env, ...pulse.env }),
      })!;

      await expect
        .poll(sources)
        .toContainEqual({ name: earshotSourceName, description: 'Earshot system audio' });
      const monitor = (await sources()).find((source) => source.name === 'speakers.monitor');
      expect(monitor).toBeDefined();

      change('microphone');
      await expect
        .poll(async () => (await sources()).map((source) => source.name))
        .toEqual(['speakers.monitor']);
      change('system');
      await expect
        .poll(async () => (await sources()).map((source) => source.name))
        .toContain(earshotSourceName);
      await follower.dispose();
      expect((await sources()).map((source) => source.name)).toEqual(['speakers.monitor']);
      expect(log.lines.join('\n')).not.toContain('could not');
    });

    it('does nothing off Linux', () => {
      const core = { currentSettings: () => defaultSettings, observeSettings: () => () => undefined };
      expect(followSystemAudioSource(core, createMemoryLogger(), { platform: 'win32' })).toBeNull();
    });
  },
);
