/**
 * The page's own tap on the microphone, as source text (it runs in the page, not in Node),
 * attached to the same MediaStream the approach under test uses. Installed the same way in
 * Earshot's window and in the seed page, so both approaches' "captured" moment is defined
 * identically: when the page could first read the sample from the track.
 */

/**
 * Defines, in the page: __earshotBenchAttachCaptureTap(stream), which starts the tap on a
 * clone of the stream's audio track (MediaStreamTrackProcessor: the track's own audio blocks
 * with their capture timestamps, read on the page's main thread, each stamped with Date.now()
 * when read),
 * __earshotBenchCaptureExport(), which returns what it saw as { sampleRate, blocks,
 * samplesBase64 } (16-bit PCM), and __earshotBenchCaptureSeen(), the samples seen so far.
 */
export const captureTapPageScript = `
(() => {
  const record = { sampleRate: 0, blocks: [], parts: [], seen: 0, error: null };
  // A block's place in the stream comes from its capture timestamp, not from counting: the
  // processor drops blocks the page does not read in time, and a gap must stay a gap.
  let firstTimestamp = null;
  globalThis.__earshotBenchAttachCaptureTap = async (stream) => {
    try {
      const track = stream.getAudioTracks()[0].clone();
      const reader = new MediaStreamTrackProcessor({ track }).readable.getReader();
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        const at = Date.now();
        const samples = new Float32Array(value.numberOfFrames);
        value.copyTo(samples, { planeIndex: 0, format: 'f32-planar' });
        if (firstTimestamp === null) firstTimestamp = value.timestamp;
        const position = Math.round(((value.timestamp - firstTimestamp) * value.sampleRate) / 1e6);
        record.sampleRate = value.sampleRate;
        record.blocks.push([position, at]);
        record.parts.push([position, samples]);
        record.seen = Math.max(record.seen, position + samples.length);
        value.close();
      }
    } catch (error) {
      record.error = String(error);
    }
  };
  globalThis.__earshotBenchCaptureSeen = () => ({ seen: record.seen, sampleRate: record.sampleRate, error: record.error });
  globalThis.__earshotBenchCaptureExport = () => {
    const pcm = new Int16Array(record.seen);
    for (const [position, part] of record.parts) {
      for (let index = 0; index < part.length; index += 1) {
        const value = Math.max(-1, Math.min(1, part[index]));
        pcm[position + index] = Math.round(value * 32767);
      }
    }
    return { sampleRate: record.sampleRate, blocks: record.blocks, samplesBase64: toBase64(pcm), error: record.error };
  };
  function toBase64(pcm) {
    const bytes = new Uint8Array(pcm.buffer);
    let binary = '';
    for (let index = 0; index < bytes.length; index += 0x8000) {
      binary += String.fromCharCode.apply(null, bytes.subarray(index, index + 0x8000));
    }
    return btoa(binary);
  }
  globalThis.__earshotBenchToBase64 = toBase64;
})();
`;

/** Patches getUserMedia so the stream the app opens is also tapped (Earshot's window). */
export function tapEveryMicrophoneScript(): string {
  return `
${captureTapPageScript}
(() => {
  const original = MediaDevices.prototype.getUserMedia;
  MediaDevices.prototype.getUserMedia = async function (constraints) {
    const stream = await original.call(this, constraints);
    void globalThis.__earshotBenchAttachCaptureTap(stream);
    return stream;
  };
})();
`;
}
