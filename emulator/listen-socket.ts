import { createHash, type Hash } from 'node:crypto';
import type { RawData, WebSocket } from 'ws';
import type { FaultTarget, Faults, InjectedCut } from './faults';
import { audioDurationMs, Linear16Decoder } from './linear16-decoder';
import { answerConfigure } from './configure-control';
import type { ListenOptions } from './listen-query';
import type { RecordedConnection, RecordedResult, Recorder } from './recorder';
import { createPrivacyFilter } from './privacy-filter';
import { resultsMessage, seconds } from './results-message';
import { SpeechDetector, type SampleSpan, type UtteranceSpan } from './speech-detector';
import { speechOverMs } from './script-transcriber';
import type { RecognizedWord, Transcriber, UtteranceAudio } from './transcriber';

/** Production's NET-0001 close reason (deepgram-python-sdk#319). */
export const net0001Reason =
  'Deepgram did not receive audio data or a text message within the timeout window. See https://dpgr.am/net0001';

/** The emulator splits no word: endpointing below this is raised to it. */
const minimumEndpointMs = 300;
/** With endpointing=false an utterance still ends (is_final, not speech_final) after this much silence. */
const noEndpointingSilenceMs = 1000;
const interimEveryMs = 1000;
const prerollMs = 100;
/** Close reason of a scripted 1011 cut (Deepgram's reason text for an internal failure is not documented). */
const cutReason = 'NET-0000';
/** How long a Finalize in mid-speech waits to see whether audio or CloseStream follows. */
const heldFinalizeMs = 100;

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
  idleTimeoutMs: number;
  strictKeepAlive: boolean;
  onClosed: () => void;
}

/** Mono samples kept from shortly before the current utterance, addressed by connection sample index. */
class SampleWindow {
  private data = new Int16Array(16000);
  private length = 0;
  /** Connection sample index of data[0]. */
  private offset = 0;

  append(samples: Int16Array): void {
    if (this.length + samples.length > this.data.length) {
      // Grow geometrically so a long utterance costs linear time.
      const grown = new Int16Array(Math.max(this.data.length * 2, this.length + samples.length));
      grown.set(this.data.subarray(0, this.length));
      this.data = grown;
    }
    this.data.set(samples, this.length);
    this.length += samples.length;
  }

  dropBefore(sample: number): void {
    const cut = Math.min(this.length, Math.max(0, sample - this.offset));
    if (cut === 0) return;
    this.data.copyWithin(0, cut, this.length);
    this.length -= cut;
    this.offset += cut;
  }

  slice(span: SampleSpan): Int16Array {
    const start = Math.min(this.length, Math.max(0, span.start - this.offset));
    const end = Math.min(this.length, Math.max(start, span.end - this.offset));
    return this.data.slice(start, end);
  }
}

/** One /v1/listen connection after the 101: audio in, Results/UtteranceEnd/SpeechStarted/Metadata out. */
export class ListenSocket implements FaultTarget {
  private readonly ws: WebSocket;
  private readonly options: ListenSocketOptions;
  /** Redaction and the profanity filter, as this connection's query asked (privacy-filter.ts). */
  private readonly privacyFilter: ReturnType<typeof createPrivacyFilter>;
  private readonly listen: ListenOptions;
  private readonly sampleRate: number;
  private readonly decoder: Linear16Decoder | null;
  private readonly detector: SpeechDetector | null;
  private readonly audio = new SampleWindow();
  private readonly hash: Hash = createHash('sha256');
  private position = 0;
  /** Start of the audio not yet covered by a final Results. */
  private segmentStart = 0;
  private lastInterimAt = 0;
  private pendingUtteranceEnd: number | null = null;
  private closing = false;
  /**
   * Finalize came while speech was still going on: whether it was cut short (more audio
   * follows: only the words heard so far) or over (the stream ends or another Finalize comes:
   * all its words) is known only from what comes next, so the answer waits for that.
   */
  private heldFlush: {
    utterance: UtteranceSpan;
    at: number;
    timer: NodeJS.Timeout;
    /** Only silence has come since: the speech was over after all. */
    silenceAfter: boolean;
  } | null = null;
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
    this.decoder = decodable ? new Linear16Decoder(options.listen.channels) : null;
    const endpointMs =
      options.listen.endpointing === false
        ? noEndpointingSilenceMs
        : Math.max(options.listen.endpointing, minimumEndpointMs);
    this.detector = decodable ? new SpeechDetector({ sampleRate: this.sampleRate, endpointMs }) : null;
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

  private onSamples(samples: Int16Array): void {
    const detector = this.detector;
    if (!detector) return;
    this.audio.append(samples);
    const events = detector.push(samples);
    const held = this.heldFlush;
    if (held) {
      // Speech goes on: Finalize cut it short. Silence long enough: it was over, all of it heard.
      if (detector.utterance) this.releaseHeldFlush(true);
      else if (this.position + samples.length - held.at >= this.msToSamples(speechOverMs)) {
        this.releaseHeldFlush(false);
      } else held.silenceAfter = true;
    }
    for (const event of events) {
      if (event.type === 'speech-started') {
        this.lastInterimAt = event.start;
        this.pendingUtteranceEnd = null;
        if (this.listen.vadEvents) {
          this.send({
            type: 'SpeechStarted',
            channel: [0, 1],
            timestamp: seconds(event.start, this.sampleRate),
          });
        }
      } else {
        this.emitFinal(event.utterance, event.at, { speechFinal: this.listen.endpointing !== false });
      }
    }
    this.position += samples.length;
    const current = detector.utterance;
    if (
      current &&
      this.listen.interimResults &&
      this.position - this.lastInterimAt >= this.msToSamples(interimEveryMs)
    ) {
      this.lastInterimAt = this.position;
      this.emitInterim(current);
    }
    this.checkUtteranceEnd();
    // A held Finalize still needs its utterance's audio.
    const keepFrom = this.heldFlush?.utterance.start ?? current?.start ?? this.position;
    this.audio.dropBefore(keepFrom - this.msToSamples(prerollMs));
  }

  private finalize(): void {
    if (this.releaseHeldFlush(false)) return;
    const utterance = this.detector?.flush() ?? null;
    if (utterance && this.speechGoingOn(utterance)) {
      // Deepgram answers Finalize at once; a short hold only lets CloseStream right behind it
      // (Stop) finish the utterance whole, as Deepgram, hearing all of it, would.
      const timer = setTimeout(() => this.releaseHeldFlush(!this.heldFlush?.silenceAfter), heldFinalizeMs);
      this.heldFlush = { utterance, at: this.position, timer, silenceAfter: false };
    } else if (utterance)
      this.emitFinal(utterance, this.position, { speechFinal: false, fromFinalize: true });
    else if (this.position > this.segmentStart) this.emitFinal(null, this.position, { fromFinalize: true });
  }

  private speechGoingOn(utterance: UtteranceSpan): boolean {
    return this.position - utterance.end < this.msToSamples(speechOverMs);
  }

  /**
   * Answers a held Finalize: cut short when speech went on (or nothing came at all), whole when
   * silence followed, at CloseStream or at a second Finalize. True if one was held.
   */
  private releaseHeldFlush(cutShort: boolean): boolean {
    const held = this.heldFlush;
    if (!held) return false;
    clearTimeout(held.timer);
    this.heldFlush = null;
    if (this.closed) return true;
    this.emitFinal(held.utterance, held.at, { speechFinal: false, fromFinalize: true, cutShort });
    return true;
  }

  private closeStream(): void {
    this.releaseHeldFlush(false);
    this.closing = true;
    const utterance = this.detector?.flush() ?? null;
    if (utterance) this.emitFinal(utterance, this.position, { speechFinal: true });
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

  private utteranceAudio(span: UtteranceSpan): UtteranceAudio {
    return { span, sampleRate: this.sampleRate, samples: (part) => this.audio.slice(part) };
  }

  private emitInterim(utterance: UtteranceSpan): void {
    const words = this.options.transcriber.interim(this.utteranceAudio(utterance));
    this.sendResults(words, this.position, { isFinal: false });
  }

  /** Finalize cut an utterance short: the transcriber gives only what was heard up to `at`. */
  private recognize(utterance: UtteranceSpan, at: number, cutShort: boolean): RecognizedWord[] {
    const audio = this.utteranceAudio(utterance);
    const transcriber = this.options.transcriber;
    return cutShort ? transcriber.flushed(audio, at) : transcriber.final(audio);
  }

  private emitFinal(
    utterance: UtteranceSpan | null,
    at: number,
    flags: { speechFinal?: boolean; fromFinalize?: boolean; cutShort?: boolean },
  ): void {
    const { cutShort = false, ...resultFlags } = flags;
    const words = utterance ? this.recognize(utterance, at, cutShort) : [];
    this.sendResults(words, at, { isFinal: true, ...resultFlags });
    this.segmentStart = at;
    const lastWord = words[words.length - 1];
    if (lastWord && this.listen.utteranceEndMs !== null) this.pendingUtteranceEnd = lastWord.end;
  }

  private sendResults(
    words: Parameters<typeof resultsMessage>[0]['words'],
    endSample: number,
    flags: { isFinal: boolean; speechFinal?: boolean; fromFinalize?: boolean },
  ): void {
    const message = resultsMessage({
      words: this.privacyFilter(words),
      startSample: this.segmentStart,
      endSample,
      sampleRate: this.sampleRate,
      isFinal: flags.isFinal,
      speechFinal: flags.speechFinal ?? false,
      fromFinalize: flags.fromFinalize ?? false,
      options: this.listen,
      requestId: this.options.requestId,
    });
    this.send(message, {
      isFinal: message.is_final,
      speechFinal: message.speech_final,
      transcript: message.channel.alternatives[0]?.transcript ?? '',
      start: message.start,
      duration: message.duration,
    });
  }

  private checkUtteranceEnd(): void {
    const lastWordEnd = this.pendingUtteranceEnd;
    if (lastWordEnd === null || this.listen.utteranceEndMs === null || this.detector?.utterance) return;
    if (this.position - lastWordEnd < this.msToSamples(this.listen.utteranceEndMs)) return;
    this.pendingUtteranceEnd = null;
    this.send({
      type: 'UtteranceEnd',
      channel: [0, 1],
      last_word_end: seconds(lastWordEnd, this.sampleRate),
    });
  }

  private msToSamples(ms: number): number {
    return Math.round((this.sampleRate * ms) / 1000);
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
