/**
 * README's "run it" command, scripts/app.sh, where Electron's own binary cannot be fetched
 * (ELECTRON_MIRROR points at a closed port, so this holds on any machine): it says so in
 * plain sentences instead of "TypeError: fetch failed", and the emulator it started for
 * --with-emulator does not outlive it.
 */
import { spawn } from 'node:child_process';
import { connect } from 'node:net';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findElectronBinary } from '../../electron/electron-binary';

const projectRoot = resolve(import.meta.dirname, '../../..');
const electron = findElectronBinary();
const unixLike = process.platform !== 'win32';

function run(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = spawn('bash', ['scripts/app.sh', ...args], {
      cwd: projectRoot,
      env: { ...process.env, ELECTRON_MIRROR: 'http://127.0.0.1:9/', EARSHOT_EMULATOR_PORT: '0' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

function portAnswers(port: number): Promise<boolean> {
  return new Promise((done) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      done(true);
    });
    socket.once('error', () => done(false));
  });
}

describe.skipIf(!unixLike || electron.path !== null)(
  `scripts/app.sh without Electron's binary (needs bash, and no Electron binary installed: with one, app.sh would start the app)`,
  () => {
    it('explains in sentences and leaves no emulator running', async () => {
      const result = await run(['--with-emulator']);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain("Earshot could not download Electron's own program");
      expect(result.stderr).toMatch(
        /set ELECTRON_MIRROR to a mirror you can reach,\s*\n?.*then run this command again/,
      );
      const url = /listening at (http:\/\/127\.0\.0\.1:(\d+))/.exec(result.stdout);
      expect(url, result.stdout).not.toBeNull();
      await expect.poll(() => portAnswers(Number(url?.[2]))).toBe(false);
    }, 120_000);
  },
);
