/**
 * The renderer half of the Electron emulation. `installElectronRenderer` is never called in
 * Node: its source text is serialized into the page's init script (see preloadInitScript in sandboxed-preload.ts),
 * so it must not close over anything outside itself and may use only what a page has.
 * Every behaviour it reproduces is listed, with Electron's documentation, in
 * ELECTRON-EMULATION.md (sections referenced as [§n]).
 *
 * The page has no DOM typings here (test code is compiled against Node's lib), so the few
 * browser globals used are typed locally.
 */

/** Tagged, JSON-safe form of a structured-cloned value (the same format as wire-codec.ts). */
export type WireValue =
  | string
  | number
  | boolean
  | null
  | { $: 'undefined' }
  | { $: 'number'; v: string }
  | { $: 'bigint'; v: string }
  | { $: 'array'; v: WireValue[] }
  | { $: 'object'; v: Record<string, WireValue> }
  | { $: 'arraybuffer'; v: string }
  | { $: 'view'; k: string; v: string }
  | { $: 'date'; v: number }
  | { $: 'regexp'; s: string; f: string }
  | { $: 'map'; v: [WireValue, WireValue][] }
  | { $: 'set'; v: WireValue[] }
  | { $: 'error'; n: string; m: string };

/** What the page sends through the binding (JSON text of this). */
export type RendererMessage =
  | { nonce: string; kind: 'invoke'; channel: string; args: WireValue[] }
  | { nonce: string; kind: 'send'; channel: string; args: WireValue[] }
  | { nonce: string; kind: 'preload-error'; message: string };

/** What main answers to an invoke (JSON text of this). */
export type InvokeReply = { ok: true; value: WireValue } | { ok: false; message: string };

export interface RendererEmulationConfig {
  /** The Playwright binding that carries renderer → main messages; removed from the page's reach. */
  bindingName: string;
  /** Global through which main → renderer messages arrive (webContents.send). */
  deliveryName: string;
  /** Proves to main that a message came from this emulation and not from page code calling the binding. */
  nonce: string;
  process: { platform: string; arch: string; versions: Record<string, string>; env: Record<string, string> };
}

type PreloadFunction = (
  require: (id: string) => unknown,
  process: unknown,
  Buffer: unknown,
  global: unknown,
  setImmediate: unknown,
  clearImmediate: unknown,
  exports: unknown,
  module: { exports: unknown },
) => void;

export function installElectronRenderer(config: RendererEmulationConfig, preload: PreloadFunction): void {
  type Listener = (...args: unknown[]) => void;
  type AnyFunction = (...args: unknown[]) => unknown;
  interface PageGlobal {
    [key: string]: unknown;
    structuredClone(value: unknown): unknown;
    btoa(text: string): string;
    atob(text: string): string;
    setTimeout(handler: () => void, ms?: number): number;
    clearTimeout(id: number): void;
    setInterval(handler: () => void, ms?: number): number;
    clearInterval(id: number): void;
    queueMicrotask(callback: () => void): void;
    URL: unknown;
    URLSearchParams: unknown;
    console: { error(...args: unknown[]): void };
  }
  const page = globalThis as unknown as PageGlobal;

  // [§1] Page code must not reach the raw transport: take the binding and remove the global.
  const binding = page[config.bindingName] as (message: string) => Promise<string | null>;
  delete page[config.bindingName];
  if (typeof binding !== 'function') throw new Error('Electron emulation: the IPC binding is missing.');
  const post = (message: RendererMessage): Promise<string | null> => binding(JSON.stringify(message));

  // ---- structured clone over the wire [§5] ----
  const toBase64 = (bytes: Uint8Array): string => {
    let binary = '';
    for (let i = 0; i < bytes.length; i += 0x8000) {
      binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    }
    return page.btoa(binary);
  };
  const fromBase64 = (text: string): Uint8Array<ArrayBuffer> => {
    const binary = page.atob(text);
    const bytes = new Uint8Array(new ArrayBuffer(binary.length));
    for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
    return bytes;
  };
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
  const encode = (value: unknown): WireValue => {
    if (value === undefined) return { $: 'undefined' };
    if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
    if (typeof value === 'number') {
      return Number.isFinite(value) && !Object.is(value, -0) ? value : { $: 'number', v: String(value) };
    }
    if (typeof value === 'bigint') return { $: 'bigint', v: value.toString() };
    if (Array.isArray(value)) return { $: 'array', v: value.map(encode) };
    if (value instanceof ArrayBuffer) return { $: 'arraybuffer', v: toBase64(new Uint8Array(value)) };
    if (ArrayBuffer.isView(value)) {
      const bytes = new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
      return { $: 'view', k: value.constructor.name, v: toBase64(bytes) };
    }
    if (value instanceof Date) return { $: 'date', v: value.getTime() };
    if (value instanceof RegExp) return { $: 'regexp', s: value.source, f: value.flags };
    if (value instanceof Map) return { $: 'map', v: [...value].map(([k, v]) => [encode(k), encode(v)]) };
    if (value instanceof Set) return { $: 'set', v: [...value].map(encode) };
    if (value instanceof Error) return { $: 'error', n: value.name, m: value.message };
    if (typeof value === 'object') {
      const fields: Record<string, WireValue> = {};
      for (const key of Object.keys(value)) fields[key] = encode((value as Record<string, unknown>)[key]);
      return { $: 'object', v: fields };
    }
    throw new Error('An object could not be cloned.');
  };
  const decode = (wire: WireValue): unknown => {
    if (wire === null || typeof wire !== 'object') return wire;
    switch (wire.$) {
      case 'undefined':
        return undefined;
      case 'number':
        return Number(wire.v);
      case 'bigint':
        return BigInt(wire.v);
      case 'array':
        return wire.v.map(decode);
      case 'object': {
        const result: Record<string, unknown> = {};
        for (const [key, item] of Object.entries(wire.v)) result[key] = decode(item);
        return result;
      }
      case 'arraybuffer':
        return fromBase64(wire.v).buffer;
      case 'view': {
        const View = viewConstructors[wire.k] ?? Uint8Array;
        return new View(fromBase64(wire.v).buffer);
      }
      case 'date':
        return new Date(wire.v);
      case 'regexp':
        return new RegExp(wire.s, wire.f);
      case 'map':
        return new Map(wire.v.map(([k, v]) => [decode(k), decode(v)]));
      case 'set':
        return new Set(wire.v.map(decode));
      case 'error': {
        const error = new Error(wire.m);
        error.name = wire.n;
        return error;
      }
    }
  };
  /** Electron serializes IPC arguments with the structured clone algorithm and throws when it cannot. */
  const cloneForIpc = (args: unknown[]): WireValue[] => {
    let cloned: unknown;
    try {
      cloned = page.structuredClone(args);
    } catch {
      throw new Error('An object could not be cloned.');
    }
    return (cloned as unknown[]).map(encode);
  };

  // ---- a small EventEmitter, the shape of Node's, for ipcRenderer and require('events') ----
  class EventEmitter {
    private readonly listenersByName = new Map<string | symbol, Listener[]>();
    on(name: string | symbol, listener: Listener): this {
      this.listenersByName.set(name, [...(this.listenersByName.get(name) ?? []), listener]);
      return this;
    }
    addListener(name: string | symbol, listener: Listener): this {
      return this.on(name, listener);
    }
    once(name: string | symbol, listener: Listener): this {
      const wrapper: Listener = (...args) => {
        this.removeListener(name, wrapper);
        listener(...args);
      };
      (wrapper as Listener & { listener?: Listener }).listener = listener;
      return this.on(name, wrapper);
    }
    removeListener(name: string | symbol, listener: Listener): this {
      const current = this.listenersByName.get(name) ?? [];
      const index = current.findLastIndex(
        (candidate) => candidate === listener || (candidate as { listener?: Listener }).listener === listener,
      );
      if (index >= 0) this.listenersByName.set(name, current.toSpliced(index, 1));
      return this;
    }
    off(name: string | symbol, listener: Listener): this {
      return this.removeListener(name, listener);
    }
    removeAllListeners(name?: string | symbol): this {
      if (name === undefined) this.listenersByName.clear();
      else this.listenersByName.delete(name);
      return this;
    }
    listenerCount(name: string | symbol): number {
      return (this.listenersByName.get(name) ?? []).length;
    }
    listeners(name: string | symbol): Listener[] {
      return [...(this.listenersByName.get(name) ?? [])];
    }
    emit(name: string | symbol, ...args: unknown[]): boolean {
      const current = this.listenersByName.get(name) ?? [];
      for (const listener of current) listener.apply(this, args);
      return current.length > 0;
    }
  }

  // ---- ipcRenderer [§3, §4] ----
  class IpcRenderer extends EventEmitter {
    invoke(channel: string, ...args: unknown[]): Promise<unknown> {
      let wire: WireValue[];
      try {
        wire = cloneForIpc(args);
      } catch (error) {
        return Promise.reject(error);
      }
      return post({ nonce: config.nonce, kind: 'invoke', channel, args: wire }).then((text) => {
        const reply = JSON.parse(text ?? 'null') as InvokeReply;
        if (reply.ok) return decode(reply.value);
        throw new Error(`Error invoking remote method '${channel}': ${reply.message}`);
      });
    }
    send(channel: string, ...args: unknown[]): void {
      const wire = cloneForIpc(args);
      void post({ nonce: config.nonce, kind: 'send', channel, args: wire });
    }
    sendSync(): never {
      throw new Error('Electron emulation: ipcRenderer.sendSync is not emulated (Earshot does not use it).');
    }
    sendToHost(): never {
      throw new Error('Electron emulation: ipcRenderer.sendToHost is not emulated.');
    }
    postMessage(): never {
      throw new Error('Electron emulation: ipcRenderer.postMessage is not emulated.');
    }
  }
  const ipcRenderer = new IpcRenderer();

  /** webContents.send arrives here; listeners get an IpcRendererEvent first, as in Electron. */
  const deliver = (channel: string, wireArgs: WireValue[]): void => {
    const args = wireArgs.map(decode);
    const event = { sender: ipcRenderer, ports: [] as unknown[] };
    try {
      ipcRenderer.emit(channel, event, ...args);
    } catch (error) {
      page.queueMicrotask(() => {
        throw error;
      });
    }
  };
  Object.defineProperty(page, config.deliveryName, { value: deliver, enumerable: false });

  // ---- contextBridge [§2] ----
  const isPromise = (value: unknown): value is Promise<unknown> =>
    typeof value === 'object' && value !== null && typeof (value as { then?: unknown }).then === 'function';
  const copyError = (error: unknown): Error => {
    const copy = new Error(error instanceof Error ? error.message : String(error));
    return copy;
  };
  /**
   * Copies a value into the other world: functions become proxies (whose arguments are
   * copied back the other way), Promises are proxied only at the top level, Symbols are
   * dropped, cloneable objects are structured-cloned, plain objects lose their prototype.
   */
  const copyAcross = (value: unknown, topLevel: boolean, freeze: boolean): unknown => {
    if (typeof value === 'function') return proxyFunction(value as AnyFunction);
    if (typeof value === 'symbol') return undefined;
    if (value === null || typeof value !== 'object') return value;
    if (isPromise(value)) {
      if (!topLevel) return undefined;
      return Promise.resolve(value).then(
        (result) => copyAcross(result, true, false),
        (error: unknown) => {
          throw copyError(error);
        },
      );
    }
    if (value instanceof Error) return copyError(value);
    if (Array.isArray(value)) {
      const copy = value.map((item) => copyAcross(item, false, freeze));
      return freeze ? Object.freeze(copy) : copy;
    }
    const prototype = Object.getPrototypeOf(value) as unknown;
    if (prototype !== Object.prototype && prototype !== null) {
      try {
        return page.structuredClone(value);
      } catch {
        // Not cloneable (a class instance): copy its own values, drop the prototype.
      }
    }
    const copy: Record<string, unknown> = {};
    for (const key of Object.keys(value)) {
      copy[key] = copyAcross((value as Record<string, unknown>)[key], false, freeze);
    }
    return freeze ? Object.freeze(copy) : copy;
  };
  const proxyFunction = (target: AnyFunction): AnyFunction => {
    // Electron calls the original without the caller's `this`.
    const proxy = function (...args: unknown[]): unknown {
      const copiedArgs = args.map((arg) => copyAcross(arg, true, false));
      let result: unknown;
      try {
        result = target.call(undefined, ...copiedArgs);
      } catch (error) {
        throw copyError(error);
      }
      return copyAcross(result, true, false);
    };
    return proxy;
  };
  const exposed = new Set<string>();
  const contextBridge = {
    exposeInMainWorld(apiKey: string, api: unknown): void {
      if (exposed.has(apiKey) || apiKey in page) {
        throw new Error(`Cannot bind an API on top of an existing property on the window object`);
      }
      exposed.add(apiKey);
      Object.defineProperty(page, apiKey, {
        value: copyAcross(api, true, true),
        enumerable: true,
        writable: false,
        configurable: false,
      });
    },
    exposeInIsolatedWorld(): never {
      throw new Error('Electron emulation: contextBridge.exposeInIsolatedWorld is not emulated.');
    },
  };

  // ---- the sandboxed preload's require [§6] ----
  const electron = Object.freeze({ contextBridge, ipcRenderer });
  const timers = Object.freeze({
    setTimeout: page.setTimeout.bind(page),
    clearTimeout: page.clearTimeout.bind(page),
    setInterval: page.setInterval.bind(page),
    clearInterval: page.clearInterval.bind(page),
    setImmediate: (callback: () => void) => page.setTimeout(callback, 0),
    clearImmediate: (id: number) => page.clearTimeout(id),
  });
  const url = Object.freeze({ URL: page.URL, URLSearchParams: page.URLSearchParams });
  const events = Object.freeze({ EventEmitter, default: EventEmitter });
  const modules = new Map<string, unknown>([
    ['electron', electron],
    ['electron/common', electron],
    ['electron/renderer', electron],
    ['events', events],
    ['node:events', events],
    ['timers', timers],
    ['node:timers', timers],
    ['url', url],
    ['node:url', url],
  ]);
  const preloadRequire = (id: string): unknown => {
    if (modules.has(id)) return modules.get(id);
    throw new Error(`module not found: ${id}`);
  };
  const preloadProcess = Object.assign(new EventEmitter(), {
    ...config.process,
    type: 'renderer',
    sandboxed: true,
    contextIsolated: true,
  });
  const module = { exports: {} as unknown };
  try {
    preload(
      preloadRequire,
      preloadProcess,
      undefined,
      page,
      timers.setImmediate,
      timers.clearImmediate,
      module.exports,
      module,
    );
  } catch (error) {
    // Electron logs and reports a failed preload and loads the page without it [§6].
    page.console.error('Unable to load preload script: out/preload/index.cjs');
    page.console.error(error);
    void post({
      nonce: config.nonce,
      kind: 'preload-error',
      message: error instanceof Error ? error.message : String(error),
    });
  }
}
