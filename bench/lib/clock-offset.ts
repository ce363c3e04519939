/**
 * Explicit clock alignment between two processes (NTP's idea): read the other clock between
 * two readings of ours; the other clock's reading belongs to the middle of that round trip,
 * within ± half of it. Of many round trips the shortest bounds the error best.
 */
export interface ClockOffset {
  /** Add to a reading of our clock to get the other clock's reading at the same instant. */
  offsetMs: number;
  /** Half the shortest round trip: the offset is right within ± this. */
  uncertaintyMs: number;
  roundTrips: number;
}

export async function estimateClockOffset(
  ourClock: () => number,
  readTheirClock: () => Promise<number>,
  roundTrips = 25,
): Promise<ClockOffset> {
  let best: { offset: number; roundTrip: number } | null = null;
  for (let trip = 0; trip < roundTrips; trip += 1) {
    const sent = ourClock();
    const theirs = await readTheirClock();
    const received = ourClock();
    const roundTrip = received - sent;
    if (best === null || roundTrip < best.roundTrip)
      best = { offset: theirs - (sent + received) / 2, roundTrip };
  }
  if (best === null) throw new Error('estimateClockOffset needs at least one round trip');
  return { offsetMs: best.offset, uncertaintyMs: best.roundTrip / 2, roundTrips };
}

/** Offsets chain: A→B plus B→C is A→C, and their uncertainties add. */
export function chainOffsets(first: ClockOffset, second: ClockOffset): ClockOffset {
  return {
    offsetMs: first.offsetMs + second.offsetMs,
    uncertaintyMs: first.uncertaintyMs + second.uncertaintyMs,
    roundTrips: first.roundTrips + second.roundTrips,
  };
}
