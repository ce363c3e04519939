import { describe, expect, it } from 'vitest';
import { FrameRelay } from '../../../src/renderer/live/frame-relay';

function frame(index: number): ArrayBuffer {
  const buffer = new ArrayBuffer(640);
  new DataView(buffer).setInt16(0, index, true);
  return buffer;
}

const indexOf = (buffer: ArrayBuffer): number => new DataView(buffer).getInt16(0, true);

describe('FrameRelay', () => {
  it('holds frames until the session is open, then sends every one in capture order', async () => {
    const sent: number[] = [];
    const relay = new FrameRelay((buffer) => sent.push(indexOf(buffer)));
    for (let index = 0; index < 40; index += 1) relay.push(frame(index));
    expect(sent).toEqual([]);
    relay.markOpen();
    for (let index = 40; index < 60; index += 1) relay.push(frame(index));
    await relay.drainAll();
    expect(sent).toEqual(Array.from({ length: 60 }, (_, index) => index));
  });

  it('drains a backlog at 1.5 frames per captured frame, never in a burst', () => {
    const sent: number[] = [];
    const relay = new FrameRelay((buffer) => sent.push(indexOf(buffer)));
    for (let index = 0; index < 50; index += 1) relay.push(frame(index));
    relay.markOpen();
    const sentAtOpen = sent.length;
    for (let index = 50; index < 70; index += 1) relay.push(frame(index));
    expect(sentAtOpen).toBeLessThanOrEqual(2);
    // 20 new frames captured: 20 × 1.5 = 30 sent, plus what went out at open.
    expect(sent.length - sentAtOpen).toBe(30);
    expect(relay.backlog).toBe(70 - sent.length);
  });

  it('sends straight through once the backlog is gone', () => {
    const sent: number[] = [];
    const relay = new FrameRelay((buffer) => sent.push(indexOf(buffer)));
    relay.markOpen();
    relay.push(frame(1));
    relay.push(frame(2));
    expect(sent).toEqual([1, 2]);
    expect(relay.backlog).toBe(0);
  });

  it('keeps the newest 30 s while the session is not open and counts what it dropped', () => {
    const sent: number[] = [];
    const relay = new FrameRelay((buffer) => sent.push(indexOf(buffer)));
    for (let index = 0; index < 1_510; index += 1) relay.push(frame(index % 30_000));
    expect(relay.backlog).toBe(1_500);
    expect(relay.dropped).toBe(10);
  });
});
