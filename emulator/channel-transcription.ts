/**
 * What the emulator does with one channel of a /v1/listen stream: detect speech, transcribe
 * utterances, and send Results (interim and final), SpeechStarted and UtteranceEnd for it.
 * Mono streams (and multichannel=false, where channels are averaged) have one; with
 * multichannel=true&channels=N each channel has its own, with its own transcriber, and every
 * message it sends names it: `channel_index: [i, N]` on Results, `channel: [i, N]` on the others.
 */
import type { ListenOptions } from './listen-query';
import type { RecordedResult } from './recorder';
import { resultsMessage, seconds } from './results-message';
import { SpeechDetector, type SampleSpan, type UtteranceSpan } from './speech-detector';
import { speechOverMs } from './script-transcriber';
import type { RecognizedWord, Transcriber, UtteranceAudio } from './transcriber';

/** The emulator splits no word: endpointing below this is raised to it. */
const minimumEndpointMs = 300;
/** With endpointing=false an utterance still ends (is_final, not speech_final) after this much silence. */
const noEndpointingSilenceMs = 1000;
const interimEveryMs = 1000;
const prerollMs = 100;
/** How long a Finalize in mid-speech waits to see whether audio or CloseStream follows. */
const heldFinalizeMs = 100;

type Words = Parameters<typeof resultsMessage>[0]['words'];

export interface ChannelHost {
  /** The connection's options (keyterms may change mid-stream). */
  listen: ListenOptions;
  sampleRate: number;
  requestId: string;
  transcriber: Transcriber;
  privacyFilter: (words: Words) => Words;
  /** `[channel, total channels]` as Deepgram writes it. */
  channel: [number, number];
  send(message: object, result?: RecordedResult): void;
  /** The connection is closed: a held Finalize is dropped, not answered. */
  isClosed(): boolean;
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

export class ChannelTranscription {
  private readonly detector: SpeechDetector;
  private readonly audio = new SampleWindow();
  private position = 0;
  /** Start of the audio not yet covered by a final Results. */
  private segmentStart = 0;
  private lastInterimAt = 0;
  private pendingUtteranceEnd: number | null = null;
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

  constructor(private readonly host: ChannelHost) {
    const { listen } = host;
    const endpointMs =
      listen.endpointing === false ? noEndpointingSilenceMs : Math.max(listen.endpointing, minimumEndpointMs);
    this.detector = new SpeechDetector({ sampleRate: host.sampleRate, endpointMs });
  }

  push(samples: Int16Array): void {
    const detector = this.detector;
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
        if (this.host.listen.vadEvents) {
          this.host.send({
            type: 'SpeechStarted',
            channel: this.host.channel,
            timestamp: seconds(event.start, this.host.sampleRate),
          });
        }
      } else {
        this.emitFinal(event.utterance, event.at, { speechFinal: this.host.listen.endpointing !== false });
      }
    }
    this.position += samples.length;
    const current = detector.utterance;
    if (
      current &&
      this.host.listen.interimResults &&
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

  finalize(): void {
    if (this.releaseHeldFlush(false)) return;
    const utterance = this.detector.flush();
    if (utterance && this.speechGoingOn(utterance)) {
      // Deepgram answers Finalize at once; a short hold only lets CloseStream right behind it
      // (Stop) finish the utterance whole, as Deepgram, hearing all of it, would.
      const timer = setTimeout(() => this.releaseHeldFlush(!this.heldFlush?.silenceAfter), heldFinalizeMs);
      this.heldFlush = { utterance, at: this.position, timer, silenceAfter: false };
    } else if (utterance)
      this.emitFinal(utterance, this.position, { speechFinal: false, fromFinalize: true });
    else if (this.position > this.segmentStart) this.emitFinal(null, this.position, { fromFinalize: true });
  }

  /** CloseStream: everything heard is answered as final. */
  closeStream(): void {
    this.releaseHeldFlush(false);
    const utterance = this.detector.flush();
    if (utterance) this.emitFinal(utterance, this.position, { speechFinal: true });
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
    if (this.host.isClosed()) return true;
    this.emitFinal(held.utterance, held.at, { speechFinal: false, fromFinalize: true, cutShort });
    return true;
  }

  private utteranceAudio(span: UtteranceSpan): UtteranceAudio {
    return { span, sampleRate: this.host.sampleRate, samples: (part) => this.audio.slice(part) };
  }

  private emitInterim(utterance: UtteranceSpan): void {
    const words = this.host.transcriber.interim(this.utteranceAudio(utterance));
    this.sendResults(words, this.position, { isFinal: false });
  }

  /** Finalize cut an utterance short: the transcriber gives only what was heard up to `at`. */
  private recognize(utterance: UtteranceSpan, at: number, cutShort: boolean): RecognizedWord[] {
    const audio = this.utteranceAudio(utterance);
    const transcriber = this.host.transcriber;
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
    if (lastWord && this.host.listen.utteranceEndMs !== null) this.pendingUtteranceEnd = lastWord.end;
  }

  private sendResults(
    words: Words,
    endSample: number,
    flags: { isFinal: boolean; speechFinal?: boolean; fromFinalize?: boolean },
  ): void {
    const message = {
      ...resultsMessage({
        words: this.host.privacyFilter(words),
        startSample: this.segmentStart,
        endSample,
        sampleRate: this.host.sampleRate,
        isFinal: flags.isFinal,
        speechFinal: flags.speechFinal ?? false,
        fromFinalize: flags.fromFinalize ?? false,
        options: this.host.listen,
        requestId: this.host.requestId,
      }),
      channel_index: [...this.host.channel],
    };
    const [channel, channels] = this.host.channel;
    this.host.send(message, {
      isFinal: message.is_final,
      speechFinal: message.speech_final,
      transcript: message.channel.alternatives[0]?.transcript ?? '',
      start: message.start,
      duration: message.duration,
      ...(channels > 1 ? { channel } : {}),
    });
  }

  private checkUtteranceEnd(): void {
    const lastWordEnd = this.pendingUtteranceEnd;
    if (lastWordEnd === null || this.host.listen.utteranceEndMs === null || this.detector.utterance) return;
    if (this.position - lastWordEnd < this.msToSamples(this.host.listen.utteranceEndMs)) return;
    this.pendingUtteranceEnd = null;
    this.host.send({
      type: 'UtteranceEnd',
      channel: this.host.channel,
      last_word_end: seconds(lastWordEnd, this.host.sampleRate),
    });
  }

  private msToSamples(ms: number): number {
    return Math.round((this.host.sampleRate * ms) / 1000);
  }
}
