/**
 * Small runtime validators for everything that crosses a trust boundary (IPC payloads,
 * the settings file). Each validator returns a clean copy of the value or throws a
 * ValidationError whose message names the offending field; it never echoes the value,
 * because a value may be a credential.
 */
export class ValidationError extends Error {
  override name = 'ValidationError';
}

export type Validator<T> = (value: unknown, path: string) => T;

function fail(path: string, expectation: string): never {
  throw new ValidationError(`${path} must be ${expectation}.`);
}

export function string(
  options: { minLength?: number; maxLength: number; pattern?: RegExp; patternDescription?: string } = {
    maxLength: 10_000,
  },
): Validator<string> {
  return (value, path) => {
    if (typeof value !== 'string') fail(path, 'text');
    if (value.length < (options.minLength ?? 0)) fail(path, `at least ${options.minLength} characters`);
    if (value.length > options.maxLength) fail(path, `at most ${options.maxLength} characters`);
    if (options.pattern && !options.pattern.test(value))
      fail(path, options.patternDescription ?? 'well formed');
    return value;
  };
}

export function number(options: { min?: number; max?: number; integer?: boolean } = {}): Validator<number> {
  return (value, path) => {
    if (typeof value !== 'number' || !Number.isFinite(value)) fail(path, 'a number');
    if (options.integer && !Number.isInteger(value)) fail(path, 'a whole number');
    if (options.min !== undefined && value < options.min) fail(path, `at least ${options.min}`);
    if (options.max !== undefined && value > options.max) fail(path, `at most ${options.max}`);
    return value;
  };
}

export const boolean: Validator<boolean> = (value, path) => {
  if (typeof value !== 'boolean') fail(path, 'true or false');
  return value;
};

export function literal<const T extends readonly (string | number | boolean | null)[]>(
  ...allowed: T
): Validator<T[number]> {
  return (value, path) => {
    const match = allowed.find((candidate) => candidate === value);
    if (match === undefined && !allowed.includes(value as never)) fail(path, `one of ${allowed.join(', ')}`);
    return value as T[number];
  };
}

export function nullable<T>(inner: Validator<T>): Validator<T | null> {
  return (value, path) => (value === null ? null : inner(value, path));
}

export function oneOf<A, B>(
  first: Validator<A>,
  second: Validator<B>,
  expectation: string,
): Validator<A | B> {
  return (value, path) => {
    try {
      return first(value, path);
    } catch {
      try {
        return second(value, path);
      } catch {
        fail(path, expectation);
      }
    }
  };
}

export function array<T>(item: Validator<T>, options: { maxItems: number }): Validator<T[]> {
  return (value, path) => {
    if (!Array.isArray(value)) fail(path, 'a list');
    if (value.length > options.maxItems) fail(path, `a list of at most ${options.maxItems} items`);
    return value.map((entry, index) => item(entry, `${path}[${index}]`));
  };
}

type Shape = Record<string, Validator<unknown>>;
type Optional<S extends Shape> = { [K in keyof S]?: ReturnType<S[K]> };
type Required<S extends Shape> = { [K in keyof S]: ReturnType<S[K]> };

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** An object with exactly these fields; unknown fields are refused, not ignored. */
export function object<S extends Shape>(shape: S): Validator<Required<S>> {
  return (value, path) => {
    if (!isPlainObject(value)) fail(path, 'an object');
    for (const key of Object.keys(value)) {
      if (!Object.hasOwn(shape, key)) fail(`${path}.${key}`, 'absent (unknown field)');
    }
    const result: Record<string, unknown> = {};
    for (const [key, validate] of Object.entries(shape)) {
      result[key] = validate(value[key], `${path}.${key}`);
    }
    return result as Required<S>;
  };
}

/** Like object(), but every field may be left out: the shape of a settings patch. */
export function partialObject<S extends Shape>(shape: S): Validator<Optional<S>> {
  return (value, path) => {
    if (!isPlainObject(value)) fail(path, 'an object');
    const result: Record<string, unknown> = {};
    for (const [key, entry] of Object.entries(value)) {
      const validate = Object.hasOwn(shape, key) ? shape[key] : undefined;
      if (!validate) fail(`${path}.${key}`, 'absent (unknown field)');
      if (entry !== undefined) result[key] = validate(entry, `${path}.${key}`);
    }
    return result as Optional<S>;
  };
}

export const noPayload: Validator<undefined> = (value, path) => {
  if (value !== undefined && value !== null) fail(path, 'empty');
  return undefined;
};

export function arrayBuffer(options: { maxBytes: number; evenLength: boolean }): Validator<ArrayBuffer> {
  return (value, path) => {
    if (!(value instanceof ArrayBuffer) && Object.prototype.toString.call(value) !== '[object ArrayBuffer]') {
      fail(path, 'an ArrayBuffer');
    }
    const buffer = value as ArrayBuffer;
    if (buffer.byteLength === 0) fail(path, 'a non-empty ArrayBuffer');
    if (buffer.byteLength > options.maxBytes) fail(path, `at most ${options.maxBytes} bytes`);
    if (options.evenLength && buffer.byteLength % 2 !== 0) fail(path, 'a whole number of 16-bit samples');
    return buffer;
  };
}
