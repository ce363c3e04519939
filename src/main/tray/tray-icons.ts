/**
 * The tray icons, drawn in code as 32×32 PNGs (shown at 16×16 points, scale factor 2), so no
 * binary asset is committed. Each state differs in shape, not only in colour: idle is a ring,
 * listening a filled dot, reconnecting a broken ring, error a ring with a bar across it.
 */
import { deflateSync } from 'node:zlib';
import type { TrayIconState } from './tray-model';

export const trayIconPixels = 32;
export const trayIconScaleFactor = 2;

type Rgb = readonly [number, number, number];

const colours: Record<TrayIconState, Rgb> = {
  idle: [0x6b, 0x72, 0x80],
  listening: [0xdc, 0x26, 0x26],
  reconnecting: [0xd9, 0x77, 0x06],
  error: [0xb9, 0x1c, 0x1c],
};

/** Coverage (0..1) of the pixel centred at (x, y) for each state's shape, anti-aliased over one pixel. */
function coverage(state: TrayIconState, x: number, y: number): number {
  const centre = trayIconPixels / 2;
  const dx = x - centre;
  const dy = y - centre;
  const distance = Math.hypot(dx, dy);
  const edge = (signed: number) => Math.min(1, Math.max(0, 0.5 - signed));
  const outer = 13;
  const ring = edge(Math.abs(distance - (outer - 2)) - 2);
  switch (state) {
    case 'listening':
      return edge(distance - outer);
    case 'idle':
      return ring;
    case 'reconnecting': {
      // Gaps at the top right and bottom left, as a "refresh" ring.
      const angle = Math.atan2(dy, dx);
      const gap = Math.abs(Math.sin(angle + Math.PI / 4)) > 0.92;
      return gap ? 0 : ring;
    }
    case 'error': {
      const bar = edge(Math.abs(dx + dy) / Math.SQRT2 - 2) * (distance < outer ? 1 : 0);
      return Math.max(ring, bar);
    }
  }
}

/** RGBA rows, top to bottom. */
export function trayIconRgba(state: TrayIconState): Uint8Array {
  const size = trayIconPixels;
  const rgba = new Uint8Array(size * size * 4);
  const [r, g, b] = colours[state];
  for (let y = 0; y < size; y += 1) {
    for (let x = 0; x < size; x += 1) {
      const offset = (y * size + x) * 4;
      rgba[offset] = r;
      rgba[offset + 1] = g;
      rgba[offset + 2] = b;
      rgba[offset + 3] = Math.round(255 * coverage(state, x + 0.5, y + 0.5));
    }
  }
  return rgba;
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

export function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = (crcTable[(crc ^ byte) & 0xff] as number) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const typeAndData = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  typeAndData.copy(out, 4);
  out.writeUInt32BE(crc32(typeAndData), 8 + data.length);
  return out;
}

/** A PNG (8-bit RGBA, no interlace) of the state's icon. */
export function trayIconPng(state: TrayIconState): Buffer {
  const size = trayIconPixels;
  const rgba = trayIconRgba(state);
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8);
  // Each row starts with filter type 0 (none).
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y += 1) {
    raw[y * (size * 4 + 1)] = 0;
    raw.set(rgba.subarray(y * size * 4, (y + 1) * size * 4), y * (size * 4 + 1) + 1);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', new Uint8Array(0)),
  ]);
}
