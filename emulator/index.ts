import { Accounts } from './accounts';
import type { FaultScript } from './fault-script';
import { Faults } from './faults';
import { Recorder } from './recorder';
import { ScriptTranscriber, UtteranceScript } from './script-transcriber';
import { EmulatorServer } from './server';
import { ToneCodeTranscriber } from './tone-code-transcriber';

export type {
  RecordedConnection,
  RecordedFault,
  RecordedRestRequest,
  RecordedResult,
  Recorder,
} from './recorder';
export type { Faults } from './faults';
export {
  formatFaultScript,
  parseFaultScript,
  type CutKind,
  type FaultScript,
  type RefusalStatus,
} from './fault-script';
export { synthesizeToneCode, toneCodeVocabulary } from './tone-code';

export interface DeepgramEmulatorOptions {
  host?: string;
  port?: number;
  /** NET-0001 close 1011 after this long without any client frame. */
  idleTimeoutMs?: number;
  /** true: KeepAlive alone does not reset the idle timer until ≥1 audio frame came. */
  strictKeepAlive?: boolean;
  transcriber?: 'script' | 'tone-code';
  /** A persistent fault script in effect from the start (faults.useScript); faults.reset() ends it. */
  faultScript?: FaultScript;
}

export interface EmulatorKeyInfo {
  apiKeyId: string;
  comment: string;
  scopes: string[];
  expiresAt?: Date;
  deleted: boolean;
  createdBy?: string;
}

export interface DeepgramEmulator {
  /** 'http://HOST:PORT', for the SDK's baseUrl and the app's endpoint setting. */
  readonly url: string;
  /** 40-hex secret of a key with the 'member' role in the default project. */
  readonly demoKey: string;
  readonly projectId: string;
  readonly projectName: string;
  readonly faults: Faults;
  readonly recorder: Recorder;
  createKey(options: { scopes: string[]; comment?: string; expiresAt?: Date; projectId?: string }): {
    apiKeyId: string;
    key: string;
  };
  revokeKey(keyOrId: string): void;
  listKeys(): EmulatorKeyInfo[];
  setCredit(hasCredit: boolean, projectId?: string): void;
  setMaxConcurrentStreams(n: number): void;
  expireAllTokens(): void;
  /** Texts the next detected utterances will be transcribed as (transcriber 'script'). */
  /**
   * With `channel` (multichannel=true streams): the texts for that channel's utterances only.
   * Channel 0 and mono streams share the default script.
   */
  queueUtterances(texts: string[], channel?: number): void;
  /** Forgets the texts still queued (and what is left of one that Finalize cut short). */
  clearUtterances(): void;
  close(): Promise<void>;
}

export const defaultProjectName = 'Earshot Demo';

export async function startDeepgramEmulator(
  options: DeepgramEmulatorOptions = {},
): Promise<DeepgramEmulator> {
  const host = options.host ?? '127.0.0.1';
  const accounts = new Accounts();
  const recorder = new Recorder();
  const project = accounts.createProject(defaultProjectName);
  const demo = accounts.createKey({
    projectId: project.projectId,
    scopes: ['member'],
    comment: 'Earshot demo key',
  });
  const script = new UtteranceScript();
  /** Channels 1… of multichannel streams each have a script of their own (channel 0 uses `script`). */
  const channelScripts = new Map<number, UtteranceScript>();
  const scriptFor = (channel: number): UtteranceScript => {
    if (channel === 0) return script;
    const existing = channelScripts.get(channel);
    if (existing) return existing;
    const created = new UtteranceScript();
    channelScripts.set(channel, created);
    return created;
  };
  const transcriber = options.transcriber ?? 'script';
  // Faults read the server's live sockets only when a test calls them, after the server exists.
  const faults = new Faults(
    () => [...server.live].map((live) => live.socket),
    () => server.nextSerial,
  );
  const server: EmulatorServer = new EmulatorServer({
    host,
    port: options.port ?? 0,
    idleTimeoutMs: options.idleTimeoutMs ?? 10_000,
    strictKeepAlive: options.strictKeepAlive ?? false,
    accounts,
    recorder,
    faults,
    makeTranscriber: (channel = 0) =>
      transcriber === 'tone-code' ? new ToneCodeTranscriber() : new ScriptTranscriber(scriptFor(channel)),
  });
  if (options.faultScript) faults.useScript(options.faultScript);
  const address = await server.listen();
  const urlHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;

  return {
    url: `http://${urlHost}:${address.port}`,
    demoKey: demo.secret,
    projectId: project.projectId,
    projectName: project.name,
    faults,
    recorder,
    createKey(keyOptions) {
      const key = accounts.createKey({
        projectId: keyOptions.projectId ?? project.projectId,
        scopes: keyOptions.scopes,
        ...(keyOptions.comment !== undefined ? { comment: keyOptions.comment } : {}),
        ...(keyOptions.expiresAt ? { expiresAt: keyOptions.expiresAt } : {}),
      });
      return { apiKeyId: key.apiKeyId, key: key.secret };
    },
    revokeKey(keyOrId) {
      const key = accounts.findKey(keyOrId);
      if (!key) throw new Error('revokeKey: no such key');
      key.deleted = true;
    },
    listKeys() {
      return accounts.allKeys().map((key) => ({
        apiKeyId: key.apiKeyId,
        comment: key.comment,
        scopes: [...key.scopes],
        deleted: key.deleted,
        ...(key.expiresAt ? { expiresAt: key.expiresAt } : {}),
        ...(key.createdBy ? { createdBy: key.createdBy } : {}),
      }));
    },
    setCredit(hasCredit, projectId = project.projectId) {
      const target = accounts.projects.get(projectId);
      if (!target) throw new Error('setCredit: no such project');
      target.hasCredit = hasCredit;
    },
    setMaxConcurrentStreams(n) {
      accounts.maxConcurrentStreams = n;
    },
    expireAllTokens() {
      accounts.expireAllTokens();
    },
    queueUtterances(texts, channel = 0) {
      scriptFor(channel).enqueue(texts);
    },
    clearUtterances() {
      script.clear();
      for (const channelScript of channelScripts.values()) channelScript.clear();
    },
    close: () => server.close(),
  };
}
