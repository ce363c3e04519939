/**
 * Linux: keeps the "Earshot system audio" PulseAudio source (core/system-audio) in step with
 * the chosen audio source, through the `pactl` command of PulseAudio or PipeWire. Elsewhere
 * there is nothing to set up: Windows hands over loopback audio (display-media.ts) and macOS
 * needs a loopback input the person installs (docs/AUDIO-SOURCES.md).
 */
import { execFile } from 'node:child_process';
import type { EarshotCore } from './core/create-earshot-core';
import type { Logger } from './core/logger';
import {
  createPulseSystemSource,
  followAudioSource,
  type PactlRunner,
} from './core/system-audio/pulse-system-source';

export function pactlRunner(env: NodeJS.ProcessEnv = process.env): PactlRunner {
  return (args) =>
    new Promise((resolve, reject) => {
      execFile('pactl', [...args], { env, timeout: 5_000 }, (error, stdout) =>
        error ? reject(error) : resolve(String(stdout)),
      );
    });
}

export function followSystemAudioSource(
  core: Pick<EarshotCore, 'currentSettings' | 'observeSettings'>,
  log: Logger,
  options: { platform?: NodeJS.Platform; pactl?: PactlRunner } = {},
): { dispose(): Promise<void> } | null {
  if ((options.platform ?? process.platform) !== 'linux') return null;
  return followAudioSource(
    createPulseSystemSource(options.pactl ?? pactlRunner(), log),
    core.currentSettings().audioSource,
    (listener) => core.observeSettings((settings) => listener(settings.audioSource)),
  );
}
