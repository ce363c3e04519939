import { spawn } from 'node:child_process';
import { DeepgramClient } from '@deepgram/sdk';
import { describe, expect, it } from 'vitest';

describe('npm run emulator (emulator/cli.ts)', () => {
  it('prints its URL, the demo key and how to point Earshot at it, serves the SDK, and stops on SIGINT', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'emulator/cli.ts', '--port', '0'], {
      cwd: process.cwd(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      const started = Date.now();
      while (!/Endpoint URL/.test(output) && Date.now() - started < 15_000) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      const url = /listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1];
      const key = /Demo key .*: ([0-9a-f]{40})/.exec(output)?.[1];
      expect(url).toBeDefined();
      expect(key).toBeDefined();
      expect(output).toContain(`Settings → Endpoint URL = ${url}`);
      const client = new DeepgramClient({ apiKey: key, baseUrl: url, maxRetries: 0 });
      const { projects } = await client.manage.v1.projects.list();
      expect(projects?.[0]?.name).toBe('Earshot Demo');
    } finally {
      child.kill('SIGINT');
    }
    expect(await exited).toBe(0);
    expect(output).toContain('SIGINT: stopping the emulator.');
  });
});
