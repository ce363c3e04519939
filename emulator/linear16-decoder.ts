/**
 * Decodes little-endian 16-bit PCM into mono samples (channels averaged). Bytes of a sample frame split
 * across WebSocket frames are carried over, so any chunking decodes the same.
 */
export class Linear16Decoder {
  private carry: Buffer = Buffer.alloc(0);
  private readonly frameBytes: number;

  constructor(private readonly channels: number) {
    this.frameBytes = 2 * channels;
  }

  push(bytes: Buffer): Int16Array {
    const data = this.carry.length > 0 ? Buffer.concat([this.carry, bytes]) : bytes;
    const frames = Math.floor(data.length / this.frameBytes);
    const out = new Int16Array(frames);
    for (let frame = 0; frame < frames; frame += 1) {
      let sum = 0;
      for (let channel = 0; channel < this.channels; channel += 1) {
        sum += data.readInt16LE(frame * this.frameBytes + channel * 2);
      }
      out[frame] = Math.round(sum / this.channels);
    }
    this.carry = Buffer.from(data.subarray(frames * this.frameBytes));
    return out;
  }
}

const bytesPerSample: Record<string, number> = { linear16: 2, linear32: 4, mulaw: 1, alaw: 1 };

/** Audio duration of a byte count, when the encoding has a fixed sample size; 0 otherwise. */
export function audioDurationMs(
  bytes: number,
  encoding: string | null,
  sampleRate: number | null,
  channels: number,
): number {
  const size = encoding === null ? undefined : bytesPerSample[encoding];
  if (size === undefined || sampleRate === null) return 0;
  return (bytes / (size * channels) / sampleRate) * 1000;
}

/**
 * Decodes interleaved little-endian 16-bit PCM into one array of samples per channel
 * (multichannel=true: each channel is transcribed on its own). Split sample frames carry over.
 */
export class Linear16ChannelSplitter {
  private carry: Buffer = Buffer.alloc(0);
  private readonly frameBytes: number;

  constructor(private readonly channels: number) {
    this.frameBytes = 2 * channels;
  }

  push(bytes: Buffer): Int16Array[] {
    const data = this.carry.length > 0 ? Buffer.concat([this.carry, bytes]) : bytes;
    const frames = Math.floor(data.length / this.frameBytes);
    const out = Array.from({ length: this.channels }, () => new Int16Array(frames));
    for (let frame = 0; frame < frames; frame += 1) {
      for (let channel = 0; channel < this.channels; channel += 1) {
        (out[channel] as Int16Array)[frame] = data.readInt16LE(frame * this.frameBytes + channel * 2);
      }
    }
    this.carry = Buffer.from(data.subarray(frames * this.frameBytes));
    return out;
  }
}
