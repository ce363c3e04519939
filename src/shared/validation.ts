/**
 * Small runtime validators for everything that crosses a trust boundary (IPC payloads,
 * the settings file). Each validator returns a clean copy of the value or throws a
 * ValidationError that says where the problem is (a path of contract field names and list
 * indexes) and what was expected there. It never carries the value, because a value may be
 * a credential, nor the name of a field the contract does not know, because the sender
 * chose that name. Consumers build their sentences from `path` and `expectation` (or use
 * `sentence` when the validator wrote one); they never parse `message`.
 */

/** One step into a value: a field name from the contract, or a list index. */
export type ValidationPathSegment = string | number;
export type ValidationPath = readonly ValidationPathSegment[];

export interface ValidationProblem {
  /** Where the value sits, from the root the caller named: ['request', 'keyterms', 3]. */
  path: ValidationPath | string;
  /** What the value must be, phrased to follow "must be": "at most 256 characters". */
  expectation: string;
  /** A whole sentence for the user, for rules that do not read as "<field> must be <expectation>". */
  sentence?: string;
}

export class ValidationError extends Error {
  override name = 'ValidationError';
  readonly path: ValidationPath;
  readonly expectation: string;
  readonly sentence: string | null;

  constructor(problem: ValidationProblem) {
    const path = pathOf(problem.path);
    // For developers (stack traces, test failures): never shown to the user, never parsed.
    super(problem.sentence ?? `${formatPath(path)} must be ${problem.expectation}.`);
    this.path = Object.freeze([...path]);
    this.expectation = problem.expectation;
    this.sentence = problem.sentence ?? null;
  }
}

/** "request.keyterms[3]": for developers' eyes; the segments are contract names only. */
function formatPath(path: ValidationPath): string {
  return path
    .map((segment, index) =>
      typeof segment === 'number' ? `[${segment}]` : index === 0 ? segment : `.${segment}`,
    )
    .join('');
}

/** The user's sentence for a problem, given what to call the field it is about. */
export function validationSentence(error: ValidationError, subject: string): string {
  return error.sentence ?? `${subject} must be ${error.expectation}.`;
}

/** A validator's caller names the root with a string ('request') or passes a path. */
export type Validator<T> = (value: unknown, path: ValidationPath | string) => T;

function pathOf(path: ValidationPath | string): ValidationPath {
  return typeof path === 'string' ? [path] : path;
}

function child(path: ValidationPath | string, segment: ValidationPathSegment): ValidationPath {
  return [...pathOf(path), segment];
}

function fail(path: ValidationPath | string, expectation: string): never {
  throw new ValidationError({ path, expectation });
}

export function string(
  options: { minLength?: number; maxLength: number; pattern?: RegExp; patternDescription?: string } = {
    maxLength: 10_000,
  },
): Validator<string> {
  return (value, path) => {
    if (typeof value !== 'string') fail(path, 'text');
    const minLength = options.minLength ?? 0;
    if (value.length < minLength) fail(path, `at least ${minLength} character${minLength === 1 ? '' : 's'}`);
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
    return value.map((entry, index) => item(entry, child(path, index)));
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

/**
 * An unknown field is reported on the object that holds it: its name was chosen by the
 * sender and could be anything, even a key, so it goes nowhere.
 */
const noUnknownFields = 'an object with no fields other than the ones Earshot defines';

function checkedFields(shape: Shape, value: unknown, path: ValidationPath | string): Record<string, unknown> {
  if (!isPlainObject(value)) fail(path, 'an object');
  for (const key of Object.keys(value)) {
    if (!Object.hasOwn(shape, key)) fail(path, noUnknownFields);
  }
  return value;
}

/** An object with exactly these fields; unknown fields are refused, not ignored. */
export function object<S extends Shape>(shape: S): Validator<Required<S>> {
  return (input, path) => {
    const value = checkedFields(shape, input, path);
    const result: Record<string, unknown> = {};
    for (const [key, validate] of Object.entries(shape)) {
      result[key] = validate(value[key], child(path, key));
    }
    return result as Required<S>;
  };
}

/** Like object(), but every field may be left out: the shape of a settings patch. */
export function partialObject<S extends Shape>(shape: S): Validator<Optional<S>> {
  return (input, path) => {
    const value = checkedFields(shape, input, path);
    const result: Record<string, unknown> = {};
    for (const [key, entry] of Object.entries(value)) {
      const validate = shape[key] as Validator<unknown>;
      if (entry !== undefined) result[key] = validate(entry, child(path, key));
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
