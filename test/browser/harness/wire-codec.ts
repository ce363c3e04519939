/**
 * Main's half of the structured-clone transport (the page's half lives in
 * renderer-emulation.ts). Values cross as tagged JSON; binary data as base64, decoded here
 * into a real ArrayBuffer so main's handlers see exactly what Electron would hand them.
 */
import type { WireValue } from './renderer-emulation';

const viewConstructors: Record<string, new (buffer: ArrayBuffer) => ArrayBufferView> = {
  Int8Array,
  Uint8Array,
  Uint8ClampedArray,
  Int16Array,
  Uint16Array,
  Int32Array,
  Uint32Array,
  Float32Array,
  Float64Array,
  BigInt64Array,
  BigUint64Array,
  DataView,
};

function toArrayBuffer(base64: string): ArrayBuffer {
  const bytes = Buffer.from(base64, 'base64');
  const buffer = new ArrayBuffer(bytes.byteLength);
  new Uint8Array(buffer).set(bytes);
  return buffer;
}

export function decodeWire(wire: WireValue): unknown {
  if (wire === null || typeof wire !== 'object') return wire;
  switch (wire.$) {
    case 'undefined':
      return undefined;
    case 'number':
      return Number(wire.v);
    case 'bigint':
      return BigInt(wire.v);
    case 'array':
      return wire.v.map(decodeWire);
    case 'object': {
      const result: Record<string, unknown> = {};
      for (const [key, item] of Object.entries(wire.v)) result[key] = decodeWire(item);
      return result;
    }
    case 'arraybuffer':
      return toArrayBuffer(wire.v);
    case 'view': {
      const View = viewConstructors[wire.k] ?? Uint8Array;
      return new View(toArrayBuffer(wire.v));
    }
    case 'date':
      return new Date(wire.v);
    case 'regexp':
      return new RegExp(wire.s, wire.f);
    case 'map':
      return new Map(wire.v.map(([k, v]) => [decodeWire(k), decodeWire(v)]));
    case 'set':
      return new Set(wire.v.map(decodeWire));
    case 'error': {
      const error = new Error(wire.m);
      error.name = wire.n;
      return error;
    }
  }
}

function encodeCloned(value: unknown): WireValue {
  if (value === undefined) return { $: 'undefined' };
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') {
    return Number.isFinite(value) && !Object.is(value, -0) ? value : { $: 'number', v: String(value) };
  }
  if (typeof value === 'bigint') return { $: 'bigint', v: value.toString() };
  if (Array.isArray(value)) return { $: 'array', v: value.map(encodeCloned) };
  if (value instanceof ArrayBuffer) return { $: 'arraybuffer', v: Buffer.from(value).toString('base64') };
  if (ArrayBuffer.isView(value)) {
    const bytes = Buffer.from(value.buffer, value.byteOffset, value.byteLength);
    // A Node Buffer arrives in the renderer as a Uint8Array, as it does in Electron.
    const kind = Buffer.isBuffer(value) ? 'Uint8Array' : value.constructor.name;
    return { $: 'view', k: kind, v: bytes.toString('base64') };
  }
  if (value instanceof Date) return { $: 'date', v: value.getTime() };
  if (value instanceof RegExp) return { $: 'regexp', s: value.source, f: value.flags };
  if (value instanceof Map)
    return { $: 'map', v: [...value].map(([k, v]) => [encodeCloned(k), encodeCloned(v)]) };
  if (value instanceof Set) return { $: 'set', v: [...value].map(encodeCloned) };
  if (value instanceof Error) return { $: 'error', n: value.name, m: value.message };
  if (typeof value === 'object') {
    const fields: Record<string, WireValue> = {};
    for (const key of Object.keys(value)) fields[key] = encodeCloned((value as Record<string, unknown>)[key]);
    return { $: 'object', v: fields };
  }
  throw new Error('An object could not be cloned.');
}

/** Structured-clones first (throwing where Electron would), then encodes for the wire. */
export function encodeWire(value: unknown): WireValue {
  let cloned: unknown;
  try {
    cloned = structuredClone(value);
  } catch {
    throw new Error('An object could not be cloned.');
  }
  return encodeCloned(cloned);
}
