/**
 * The servers of the issue-8 attack tests (test/integration/ipc/taken-over-window*.test.ts): the
 * real server (a Deepgram emulator) and the bait, a host that answers like Deepgram (another
 * emulator behind a recording proxy, so every byte it receives is kept). Started once per file;
 * the taken-over mains opened by a test are closed after it.
 */
import { afterAll, afterEach, beforeAll } from 'vitest';
import { startDeepgramEmulator, type DeepgramEmulator } from '../../emulator/index';
import { startRecordingProxy, type RecordingProxy } from './recording-proxy';
import { createTakenOverMains } from './taken-over-main';

export interface AttackServers {
  real: DeepgramEmulator;
  /** The emulator behind the bait, whose keys the bait accepts. */
  baitUpstream: DeepgramEmulator;
  bait: RecordingProxy;
  mains: ReturnType<typeof createTakenOverMains>;
}

/** Registers the file's hooks; the servers are set once `beforeAll` has run. */
export function useAttackServers(options: { baitListenHost?: string } = {}): AttackServers {
  const servers = { mains: createTakenOverMains() } as AttackServers;
  beforeAll(async () => {
    servers.real = await startDeepgramEmulator();
    servers.baitUpstream = await startDeepgramEmulator();
    servers.bait = await startRecordingProxy(servers.baitUpstream.url, options.baitListenHost);
  });
  afterAll(async () => {
    await servers.bait.close();
    await servers.baitUpstream.close();
    await servers.real.close();
  });
  afterEach(() => servers.mains.closeAll());
  return servers;
}
