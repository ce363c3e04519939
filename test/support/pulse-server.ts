/**
 * A private PulseAudio server for one test: its own runtime directory and socket, no D-Bus,
 * no real sound card, one null sink per name given. Each sink's monitor is the sound played
 * into that sink, which Chromium lists as an input named "Monitor of <description>". A
 * process started with `env` (PULSE_SERVER, PULSE_RUNTIME_PATH, HOME) talks to this server
 * only; `play` puts a WAV into a sink with paplay, in real time, as an app playing sound would.
 */
import { execFile, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface NullSink {
  /** PulseAudio's sink name; its monitor source is `${name}.monitor`. */
  name: string;
  /** What Chromium shows: "Monitor of <description>". */
  description: string;
}

export interface PulseServer {
  env: Record<string, string>;
  /** Plays the WAV into the sink and resolves when it has played out. */
  play(wavPath: string, sinkName: string): Promise<void>;
  /** Makes this sink's monitor the default input (what "System default" microphone opens). */
  setDefaultSource(sourceName: string): Promise<void>;
  close(): Promise<void>;
}

/** Why the PulseAudio tests cannot run here, or null when they can. */
export function pulseToolsMissing(): string | null {
  for (const tool of ['pulseaudio', 'paplay', 'pactl']) {
    if (spawnSync('sh', ['-c', `command -v ${tool}`]).status !== 0) {
      return `${tool} is not installed (Debian: apt-get install pulseaudio pulseaudio-utils)`;
    }
  }
  return process.platform === 'linux' ? null : 'PulseAudio null sinks are a Linux test tool';
}

async function waitForServer(
  env: Record<string, string>,
  daemon: ChildProcess,
  log: () => string,
): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if (daemon.exitCode !== null) throw new Error(`pulseaudio exited (${daemon.exitCode}): ${log()}`);
    const probe = await run('pactl', ['info'], { env: { ...process.env, ...env } }).then(
      () => true,
      () => false,
    );
    if (probe) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`pulseaudio did not answer within 10 s: ${log()}`);
}

export async function startPulseServer(sinks: readonly NullSink[]): Promise<PulseServer> {
  const home = mkdtempSync(join(tmpdir(), 'earshot-pulse-'));
  const socket = join(home, 'native');
  const env = { PULSE_SERVER: `unix:${socket}`, PULSE_RUNTIME_PATH: join(home, 'runtime'), HOME: home };
  const modules = sinks.flatMap((sink) => [
    '-L',
    `module-null-sink sink_name=${sink.name} sink_properties=device.description=${sink.description}`,
  ]);
  const daemon = spawn(
    'pulseaudio',
    [
      '-n',
      '--daemonize=no',
      '--exit-idle-time=-1',
      '--use-pid-file=false',
      '--log-target=stderr',
      ...modules,
      '-L',
      `module-native-protocol-unix socket=${socket} auth-anonymous=1`,
    ],
    { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  daemon.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4_000);
  });
  const close = async (): Promise<void> => {
    if (daemon.exitCode === null) {
      const exited = new Promise((resolve) => daemon.once('exit', resolve));
      daemon.kill('SIGTERM');
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 3_000))]);
      if (daemon.exitCode === null) daemon.kill('SIGKILL');
    }
    rmSync(home, { recursive: true, force: true });
  };
  try {
    await waitForServer(env, daemon, () => stderr);
  } catch (error) {
    await close();
    throw error;
  }
  const pulseEnv = { ...process.env, ...env };
  return {
    env,
    async play(wavPath, sinkName) {
      await run('paplay', [`--device=${sinkName}`, wavPath], { env: pulseEnv });
    },
    async setDefaultSource(sourceName) {
      await run('pactl', ['set-default-source', sourceName], { env: pulseEnv });
    },
    close,
  };
}
