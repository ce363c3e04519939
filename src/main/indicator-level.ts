/**
 * The microphone level the indicator shows, computed in main from the frames it already
 * receives (16 kHz mono linear16): the RMS of every 50 ms of audio, on a 60 dB scale (0 at
 * -60 dBFS or below, 1 at full scale). Levels go out at most once per 50 ms of wall-clock time;
 * when frames arrive in a burst, the loudest window since the last one is sent.
 */
export const levelWindowSamples = 800;
const levelIntervalMs = 50;
const floorDb = -60;

export function levelFromRms(rms: number): number {
  if (rms <= 0) return 0;
  const db = 20 * Math.log10(rms / 32768);
  return Math.min(1, Math.max(0, (db - floorDb) / -floorDb));
}

export class LevelMeter {
  private sumOfSquares = 0;
  private count = 0;
  private loudest = -1;
  private lastSentAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly onLevel: (level: number) => void,
    private readonly now: () => number,
  ) {}

  push(frame: ArrayBuffer): void {
    const samples = new Int16Array(frame, 0, Math.floor(frame.byteLength / 2));
    for (const sample of samples) {
      this.sumOfSquares += sample * sample;
      this.count += 1;
      if (this.count === levelWindowSamples) this.closeWindow();
    }
  }

  /** A new session, or the indicator hidden: nothing from before counts. */
  reset(): void {
    this.sumOfSquares = 0;
    this.count = 0;
    this.loudest = -1;
  }

  private closeWindow(): void {
    const level = levelFromRms(Math.sqrt(this.sumOfSquares / this.count));
    this.sumOfSquares = 0;
    this.count = 0;
    this.loudest = Math.max(this.loudest, level);
    const time = this.now();
    if (time - this.lastSentAt < levelIntervalMs) return;
    this.lastSentAt = time;
    const loudest = this.loudest;
    this.loudest = -1;
    this.onLevel(loudest);
  }
}
