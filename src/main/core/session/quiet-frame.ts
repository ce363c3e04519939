/**
 * Whether a linear16 frame is a pause (its RMS under about -40 dBFS). Finalize is sent at a
 * pause where one comes soon enough, so it does not cut a word in two.
 */
const quietRms = 330;

export function isQuietFrame(frame: Uint8Array): boolean {
  const samples = Math.floor(frame.byteLength / 2);
  if (samples === 0) return true;
  const view = new DataView(frame.buffer, frame.byteOffset, samples * 2);
  let sum = 0;
  for (let i = 0; i < samples; i += 1) {
    const sample = view.getInt16(i * 2, true);
    sum += sample * sample;
  }
  return Math.sqrt(sum / samples) < quietRms;
}
