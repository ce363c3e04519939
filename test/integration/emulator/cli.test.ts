import { spawn, type ChildProcess } from 'node:child_process';
import { DeepgramClient } from '@deepgram/sdk';
import { describe, expect, it } from 'vitest';
import { frames, openSdkSocket, rawUpgrade, silence } from '../../support/emulator-client';

interface RunningCli {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

function startCli(args: string[], env: Record<string, string> = {}): RunningCli {
  const child = spawn(process.execPath, ['--import', 'tsx', 'emulator/cli.ts', '--port', '0', ...args], {
    cwd: process.cwd(),
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

async function waitFor(condition: () => boolean, timeoutMs = 15_000): Promise<void> {
  const started = Date.now();
  while (!condition() && Date.now() - started < timeoutMs) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Waits for the banner; returns the URL and demo key it printed. */
async function banner(cli: RunningCli): Promise<{ url: string; key: string }> {
  await waitFor(() => /Endpoint URL/.test(cli.output()));
  const url = /listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(cli.output())?.[1];
  const key = /Demo key .*: ([0-9a-f]{40})/.exec(cli.output())?.[1];
  expect(url).toBeDefined();
  expect(key).toBeDefined();
  return { url: url!, key: key! };
}

describe('npm run emulator (emulator/cli.ts)', () => {
  it('prints its URL, the demo key and how to point Earshot at it, serves the SDK, and stops on SIGINT', async () => {
    const cli = startCli([]);
    try {
      const { url, key } = await banner(cli);
      expect(cli.output()).toContain(`Settings → Endpoint URL = ${url}`);
      expect(cli.output()).not.toContain('Fault script');
      const client = new DeepgramClient({ apiKey: key, baseUrl: url, maxRetries: 0 });
      const { projects } = await client.manage.v1.projects.list();
      expect(projects?.[0]?.name).toBe('Earshot Demo');
    } finally {
      cli.child.kill('SIGINT');
    }
    expect(await cli.exited).toBe(0);
    expect(cli.output()).toContain('SIGINT: stopping the emulator.');
  });

  it.each([
    ['--faults', (script: string) => ({ args: ['--faults', script], env: {} })],
    ['EARSHOT_EMULATOR_FAULTS', (script: string) => ({ args: [], env: { EARSHOT_EMULATOR_FAULTS: script } })],
  ])(
    'runs the fault script given by %s: cuts each connection, then refuses handshakes',
    async (_how, given) => {
      const { args, env } = given('cut-after=200ms,refuse-after-cut=1x503');
      const cli = startCli(args, env);
      try {
        const { url, key } = await banner(cli);
        expect(cli.output()).toContain('Fault script: cut-after=200ms,cut-with=drop,refuse-after-cut=1x503');
        const { socket, closed } = await openSdkSocket(url, { apiKey: key }, {});
        for (const frame of frames(silence(600))) if (socket.readyState === 1) socket.sendMedia(frame);
        expect((await closed).code).toBe(1006);
        await waitFor(() => cli.output().includes('cut after 0.2 s of its audio'));
        const path = '/v1/listen?model=nova-3&encoding=linear16&sample_rate=16000';
        expect((await rawUpgrade(url, path, { authorization: `Token ${key}` })).status).toBe(503);
        expect((await rawUpgrade(url, path, { authorization: `Token ${key}` })).status).toBe(101);
        await waitFor(() => cli.output().includes('refused by the fault script'));
      } finally {
        cli.child.kill('SIGINT');
      }
      expect(await cli.exited).toBe(0);
      expect(cli.output()).toContain('/v1/listen cut after 0.2 s of its audio (close 1006)');
      expect(cli.output()).toContain('/v1/listen 503 (api-key via header, refused by the fault script)');
    },
  );

  it('refuses to start with a fault script it cannot read, saying what is wrong', async () => {
    const cli = startCli(['--faults', 'cut-after=soon']);
    expect(await cli.exited).toBe(1);
    expect(cli.output()).toContain('Invalid fault script: "soon" is not a duration like 6s or 500ms');
    expect(cli.output()).not.toMatch(/\n\s+at /);
  });
});
