/**
 * Private D-Bus session buses and gnome-keyring daemons for tests. Everything lives in a
 * throwaway directory (its own HOME and XDG dirs), so a developer's real keychain is never
 * reached. Each daemon runs under a small shell guard that kills it when our stdin closes,
 * so a crashed test runner leaves no daemon behind.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtemp, mkdir, rm, writeFile, chmod } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const requiredDebianPackages = ['dbus', 'gnome-keyring', 'libsecret-1-0'] as const;

export class MissingSecretServiceToolsError extends Error {
  override name = 'MissingSecretServiceToolsError';
}

/** Throws with the Debian package names when a daemon this setup needs is not installed. */
export function requireSecretServiceTools(): void {
  const missing = ['dbus-daemon', 'dbus-send', 'gnome-keyring-daemon'].filter(
    (command) => spawnSync('sh', ['-c', `command -v ${command}`]).status !== 0,
  );
  if (missing.length > 0) {
    throw new MissingSecretServiceToolsError(
      `The keychain tests need a Secret Service, but ${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} ` +
        `not installed. Install the Debian packages: apt-get install ${requiredDebianPackages.join(' ')}`,
    );
  }
}

export interface GuardedDaemon {
  readonly process: ChildProcess;
  stop(): Promise<void>;
}

/**
 * Runs `command` under `sh` so that closing our end of the guard's stdin kills it. The
 * daemon's own stdin gets `daemonStdin` (or nothing).
 */
function startGuarded(
  command: string[],
  env: NodeJS.ProcessEnv,
  daemonStdin: string | null,
  /** Removed once the daemon is gone, even when our process died without cleaning up. */
  removeAfterwards: string | null = null,
): GuardedDaemon & { stdoutLines: AsyncIterable<string> } {
  const quoted = command.map((part) => `'${part.replace(/'/g, `'\\''`)}'`).join(' ');
  // gnome-keyring reads the password up to EOF, so it is fed without a trailing newline.
  const feed =
    daemonStdin === null ? `${quoted} </dev/null` : `printf '%s' "$EARSHOT_DAEMON_INPUT" | ${quoted}`;
  const cleanup = removeAfterwards === null ? '' : `rm -rf '${removeAfterwards.replace(/'/g, `'\\''`)}'\n`;
  const script = `${feed} & pid=$!
trap 'kill $pid 2>/dev/null' EXIT
cat >/dev/null
kill $pid 2>/dev/null
wait $pid 2>/dev/null
${cleanup}`;
  const child = spawn('sh', ['-c', script], {
    env: daemonStdin === null ? env : { ...env, EARSHOT_DAEMON_INPUT: daemonStdin },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const stderr: string[] = [];
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => stderr.push(chunk));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.stdout.setEncoding('utf8');
  async function* lines(): AsyncIterable<string> {
    let buffered = '';
    for await (const chunk of child.stdout) {
      buffered += String(chunk);
      let newline = buffered.indexOf('\n');
      while (newline >= 0) {
        yield buffered.slice(0, newline);
        buffered = buffered.slice(newline + 1);
        newline = buffered.indexOf('\n');
      }
    }
  }
  return {
    process: child,
    stdoutLines: lines(),
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.stdin.end();
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}

async function firstLine(lines: AsyncIterable<string>, what: string, timeoutMs: number): Promise<string> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not start within ${timeoutMs} ms`)), timeoutMs);
  });
  const read = (async () => {
    for await (const line of lines) {
      if (line.trim()) return line.trim();
    }
    throw new Error(`${what} exited before printing its address`);
  })();
  try {
    return await Promise.race([read, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** A throwaway HOME with XDG dirs, so no daemon ever touches a real profile. */
export interface ThrowawayProfile {
  root: string;
  env: NodeJS.ProcessEnv;
  remove(): Promise<void>;
}

export async function createThrowawayProfile(prefix = 'earshot-dbus-'): Promise<ThrowawayProfile> {
  const root = await mkdtemp(join(tmpdir(), prefix));
  const dirs = {
    HOME: join(root, 'home'),
    XDG_RUNTIME_DIR: join(root, 'run'),
    XDG_DATA_HOME: join(root, 'data'),
    XDG_CONFIG_HOME: join(root, 'config'),
    XDG_CACHE_HOME: join(root, 'cache'),
  };
  for (const dir of Object.values(dirs)) await mkdir(dir, { recursive: true });
  await chmod(dirs.XDG_RUNTIME_DIR, 0o700);
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, LANG: 'C.UTF-8', ...dirs };
  return { root, env, remove: () => rm(root, { recursive: true, force: true }) };
}

/** A session bus with no service directories: nothing is auto-activated on it, ever. */
function busConfig(socketDir: string): string {
  return `<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:dir=${socketDir}</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
`;
}

export interface PrivateBus {
  /** A DBUS_SESSION_BUS_ADDRESS value for this bus. */
  address: string;
  profile: ThrowawayProfile;
  close(): Promise<void>;
}

/** Starts a bare session bus in its own throwaway profile. Nothing provides a Secret Service on it. */
export async function startPrivateBus(prefix?: string): Promise<PrivateBus> {
  requireSecretServiceTools();
  const profile = await createThrowawayProfile(prefix);
  const configPath = join(profile.root, 'bus.conf');
  const socketDir = join(profile.root, 'bus');
  await mkdir(socketDir, { mode: 0o700 });
  await writeFile(configPath, busConfig(socketDir));
  const daemon = startGuarded(
    ['dbus-daemon', `--config-file=${configPath}`, '--nofork', '--print-address=1'],
    profile.env,
    null,
    profile.root,
  );
  let address: string;
  try {
    address = (await firstLine(daemon.stdoutLines, 'dbus-daemon', 10_000)).split(',guid=')[0] ?? '';
  } catch (error) {
    await daemon.stop();
    await profile.remove();
    throw error;
  }
  return {
    address,
    profile,
    async close() {
      await daemon.stop();
      await profile.remove();
    },
  };
}

function dbusSend(address: string, args: string[]): { ok: boolean; output: string } {
  const result = spawnSync('dbus-send', ['--session', '--print-reply', ...args], {
    env: { PATH: process.env.PATH, DBUS_SESSION_BUS_ADDRESS: address },
    encoding: 'utf8',
    timeout: 10_000,
  });
  return { ok: result.status === 0, output: `${result.stdout}${result.stderr}` };
}

async function waitForName(address: string, name: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const reply = dbusSend(address, [
      '--dest=org.freedesktop.DBus',
      '/org/freedesktop/DBus',
      'org.freedesktop.DBus.NameHasOwner',
      `string:${name}`,
    ]);
    if (reply.ok && /boolean true/.test(reply.output)) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`${name} did not appear on the private bus within ${timeoutMs} ms`);
}

export interface PrivateSecretService extends PrivateBus {
  /** Locks every collection, as a screen lock or a logged-out keyring would. */
  lock(): void;
}

/**
 * A private bus with gnome-keyring's Secret Service on it, its login keyring created and
 * unlocked with a throwaway password.
 */
export async function startPrivateSecretService(prefix = 'earshot-keyring-'): Promise<PrivateSecretService> {
  const bus = await startPrivateBus(prefix);
  const keyring = startGuarded(
    ['gnome-keyring-daemon', '--unlock', '--components=secrets', '--foreground'],
    { ...bus.profile.env, DBUS_SESSION_BUS_ADDRESS: bus.address },
    'earshot-throwaway-keyring-password',
  );
  const close = async () => {
    await keyring.stop();
    await bus.close();
  };
  try {
    await waitForName(bus.address, 'org.freedesktop.secrets', 10_000);
  } catch (error) {
    await close();
    throw error;
  }
  return {
    ...bus,
    close,
    lock() {
      const reply = dbusSend(bus.address, [
        '--dest=org.freedesktop.secrets',
        '/org/freedesktop/secrets',
        'org.freedesktop.Secret.Service.Lock',
        'array:objpath:/org/freedesktop/secrets/collection/login',
      ]);
      if (!reply.ok) throw new Error(`Locking the test keyring failed: ${reply.output}`);
    },
  };
}
