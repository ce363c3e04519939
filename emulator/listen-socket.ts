import { createHash, type Hash } from 'node:crypto';
import type { RawData, WebSocket } from 'ws';
import type { FaultTarget, Faults, InjectedCut } from './faults';
import { ChannelTranscription } from './channel-transcription';
import { audioDurationMs, Linear16ChannelSplitter, Linear16Decoder } from './linear16-decoder';
import { answerConfigure } from './configure-control';
import type { ListenOptions } from './listen-query';
import type { RecordedConnection, RecordedResult, Recorder } from './recorder';
import { createPrivacyFilter } from './privacy-filter';
import type { Transcriber } from './transcriber';

/** Production's NET-0001 close reason (deepgram-python-sdk#319). */
export const net0001Reason =
  'Deepgram did not receive audio data or a text message within the timeout window. See https://dpgr.am/net0001';

/** Close reason of a scripted 1011 cut (Deepgram's reason text for an internal failure is not documented). */
const cutReason = 'NET-0000';

type Outgoing =
  | { kind: 'message'; message: object; result?: RecordedResult }
  | { kind: 'close'; code: number; reason: string };

export interface ListenSocketOptions {
  ws: WebSocket;
  serial: number;
  requestId: string;
  listen: ListenOptions;
  record: RecordedConnection;
  recorder: Recorder;
  faults: Faults;
  transcriber: Transcriber;
  /** With multichannel=true: channel i's transcriber for i ≥ 1 (channel 0 has `transcriber`). */
  channelTranscriber?: (channel: number) => Transcriber;
  idleTimeoutMs: number;
  strictKeepAlive: boolean;
  onClosed: () => void;
}

/** One /v1/listen connection after the 101: audio in, Results/UtteranceEnd/SpeechStarted/Metadata out. */
export class ListenSocket implements FaultTarget {
  private readonly ws: WebSocket;
  private readonly options: ListenSocketOptions;
  /** Redaction and the profanity filter, as this connection's query asked (privacy-filter.ts). */
  private readonly privacyFilter: ReturnType<typeof createPrivacyFilter>;
  private readonly listen: ListenOptions;
  private readonly sampleRate: number;
  /** Mono (channels averaged), or one stream per channel with multichannel=true. */
  private readonly decoder: Linear16Decoder | Linear16ChannelSplitter | null;
  /** One per channel Deepgram transcribes apart (one, unless multichannel=true). */
  private readonly channels: ChannelTranscription[];
  private readonly hash: Hash = createHash('sha256');
  private closing = false;
  private closed = false;
  private terminated = false;
  /** A fault closed the connection: frames still in flight are not read. */
  private cutOff = false;
  private receivedAudio = false;
  private idleTimer: NodeJS.Timeout | undefined;
  private stalledUntil = 0;
  private stallTimer: NodeJS.Timeout | undefined;
  private readonly outbox: Outgoing[] = [];

  constructor(options: ListenSocketOptions) {
    this.privacyFilter = createPrivacyFilter(options.listen.privacy);
    this.options = options;
    this.ws = options.ws;
    this.listen = options.listen;
    this.sampleRate = options.listen.sampleRate ?? 16000;
    const decodable = options.listen.encoding === 'linear16' && options.listen.sampleRate !== null;
    const apart = options.listen.multichannel && options.listen.channels > 1;
    const count = apart ? options.listen.channels : 1;
    this.decoder = !decodable
      ? null
      : apart
        ? new Linear16ChannelSplitter(count)
        : new Linear16Decoder(options.listen.channels);
    this.channels = !decodable
      ? []
      : Array.from(
          { length: count },
          (_, channel) =>
            new ChannelTranscription({
              listen: this.listen,
              sampleRate: this.sampleRate,
              requestId: options.requestId,
              transcriber:
                channel === 0 || !options.channelTranscriber
                  ? options.transcriber
                  : options.channelTranscriber(channel),
              privacyFilter: this.privacyFilter,
              channel: [channel, count],
              send: (message, result) => this.send(message, result),
              isClosed: () => this.closed,
            }),
        );
    this.ws.on('message', (data, isBinary) => this.onFrame(toBuffer(data), isBinary));
    this.ws.on('close', (code, reason) => this.onClose(code, reason.toString()));
    this.ws.on('error', () => undefined);
    this.armIdleTimer();
  }

  drop(): void {
    // Frames already buffered behind the drop must not count as received.
    this.terminated = true;
    this.noteClose(1006, '');
    this.ws.terminate();
    // The stream no longer counts against concurrency, even before the close event arrives.
    this.options.onClosed();
  }

  closeWith(code: number, reason: string): void {
    this.noteClose(code, reason);
    this.ws.close(code, reason);
  }

  stall(ms: number): void {
    this.stalledUntil = Math.max(this.stalledUntil, Date.now() + ms);
    clearTimeout(this.stallTimer);
    this.stallTimer = setTimeout(() => this.flushOutbox(), this.stalledUntil - Date.now());
  }

  private onFrame(data: Buffer, isBinary: boolean): void {
    if (this.closed || this.terminated || this.cutOff) return;
    const record = this.options.record;
    if (!isBinary) {
      this.onText(data.toString('utf8'));
      return;
    }
    if (this.closing) return;
    this.receivedAudio = true;
    this.armIdleTimer();
    if (data.length === 0) {
      // Deepgram's legacy close-stream signal.
      record.emptyBinaryFrames += 1;
      this.options.recorder.changed();
      this.closeStream();
      return;
    }
    record.audio.bytes += data.length;
    record.audio.frames += 1;
    record.audio.frameSizes.push(data.length);
    record.audio.durationMs = audioDurationMs(
      record.audio.bytes,
      this.listen.encoding,
      this.listen.sampleRate,
      this.listen.channels,
    );
    this.hash.update(data);
    if (this.decoder) this.onSamples(this.decoder.push(data));
    this.options.recorder.changed();
    const cut = this.options.faults.takeCut(this.options.serial, record.audio.durationMs);
    if (cut) this.cut(cut);
  }

  /** A fault ends the connection as a network or server failure would: nothing more is read. */
  private cut(cut: InjectedCut): void {
    const record = this.options.record;
    const closeCode = cut.kind === 'drop' ? 1006 : 1011;
    record.fault = { kind: 'cut', closeCode, afterAudioMs: record.audio.durationMs, source: cut.source };
    if (cut.kind === 'drop') {
      this.drop();
      return;
    }
    this.cutOff = true;
    // Results already produced still go out ahead of the close frame, as they would from Deepgram.
    this.enqueue({ kind: 'close', code: 1011, reason: cutReason });
  }

  private onText(text: string): void {
    let type = 'Invalid';
    let parsed: unknown = null;
    try {
      parsed = JSON.parse(text);
      if (
        typeof parsed === 'object' &&
        parsed !== null &&
        typeof (parsed as { type?: unknown }).type === 'string'
      ) {
        type = (parsed as { type: string }).type;
      }
    } catch {
      // Recorded as 'Invalid' below.
    }
    this.options.record.controlMessages.push({ type, at: Date.now() });
    this.options.recorder.changed();
    if (!(this.options.strictKeepAlive && !this.receivedAudio)) this.armIdleTimer();
    if (this.closing) return;
    if (type === 'Finalize') this.finalize();
    else if (type === 'CloseStream') this.closeStream();
    else if (type === 'Configure') this.configure(parsed);
  }

  /** New keyterms for the rest of the stream (results from now on are spelled with them). */
  private configure(message: unknown): void {
    const outcome = answerConfigure(message, this.listen, this.options.requestId);
    if (outcome.keyterms) this.listen.keyterms = outcome.keyterms;
    this.send(outcome.reply);
  }

  /** Mono samples, or one array per channel (multichannel=true), each to its channel. */
  private onSamples(samples: Int16Array | Int16Array[]): void {
    const perChannel = Array.isArray(samples) ? samples : [samples];
    perChannel.forEach((channelSamples, channel) => this.channels[channel]?.push(channelSamples));
  }

  private finalize(): void {
    for (const channel of this.channels) channel.finalize();
  }

  private closeStream(): void {
    this.closing = true;
    for (const channel of this.channels) channel.closeStream();
    const record = this.options.record;
    this.send({
      type: 'Metadata',
      transaction_key: 'deprecated',
      request_id: this.options.requestId,
      sha256: this.hash.copy().digest('hex'),
      created: new Date(record.openedAt).toISOString(),
      duration: Math.round(record.audio.durationMs) / 1000,
      channels: this.listen.channels,
    });
    this.enqueue({ kind: 'close', code: 1000, reason: '' });
  }

  private send(message: object, result?: RecordedResult): void {
    this.enqueue(result ? { kind: 'message', message, result } : { kind: 'message', message });
  }

  private enqueue(item: Outgoing): void {
    this.outbox.push(item);
    if (Date.now() >= this.stalledUntil) this.flushOutbox();
  }

  private flushOutbox(): void {
    while (this.outbox.length > 0 && !this.closed && !this.terminated) {
      const item = this.outbox.shift() as Outgoing;
      if (item.kind === 'close') {
        this.closeWith(item.code, item.reason);
        continue;
      }
      // After a close frame went out nothing more reaches the client, so nothing more is recorded.
      if (this.ws.readyState !== this.ws.OPEN) continue;
      this.ws.send(JSON.stringify(item.message));
      if (item.result) {
        this.options.record.results.push(item.result);
        this.options.recorder.changed();
      }
    }
  }

  private armIdleTimer(): void {
    clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => this.closeWith(1011, net0001Reason), this.options.idleTimeoutMs);
  }

  /** Remembers the close this side initiated; the peer's echo must not overwrite it. */
  private noteClose(code: number, reason: string): void {
    const record = this.options.record;
    if (record.closeCode !== null) return;
    record.closeCode = code;
    record.closeReason = reason;
  }

  private onClose(code: number, reason: string): void {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.idleTimer);
    clearTimeout(this.stallTimer);
    this.noteClose(code, reason);
    this.options.record.closedAt = Date.now();
    this.options.onClosed();
    this.options.recorder.changed();
  }
}

function toBuffer(data: RawData): Buffer {
  if (Buffer.isBuffer(data)) return data;
  if (Array.isArray(data)) return Buffer.concat(data);
  return Buffer.from(data);
}
