/**
 * Structured logging for main: one JSON object per line. Every line passes through redaction
 * of the secrets that main currently knows (the stored key and any credential minted from
 * it), raw, JSON-escaped, base64 and hex, so a careless log call can never leak a key. Field
 * values and the message are cut to a bounded length and stripped of control characters, so
 * nothing a sender or a server chose can make a line huge or rewrite a terminal.
 */
import { sliceWhole, unsafeTextCharacters } from './unsafe-text';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogFields = Record<string, string | number | boolean | null | undefined>;

export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

export interface SecretRegistry {
  /**
   * Redacts this secret from now on. With ttlMs it drops out once that time has passed (a
   * minted token that has expired is worth nothing); without, it stays until remove().
   * Adding a secret again extends it (and one added without ttlMs stays until removed).
   */
  add(secret: string, options?: { ttlMs?: number }): void;
  remove(secret: string): void;
  redact(text: string): string;
}

export interface SecretRegistryOptions {
  now?: () => number;
  /** At most this many secrets are kept; see add() for which go first. */
  maxEntries?: number;
}

const redactedMarker = '[redacted]';
const minimumSecretLength = 8;
export const defaultMaxSecrets = 256;

interface SecretEntry {
  forms: string[];
  /** Milliseconds on the registry's clock; null when the secret has no time limit. */
  expiresAt: number | null;
}

/** Every form in which the secret could reach a log line. */
function encodings(secret: string): string[] {
  const bytes = Buffer.from(secret, 'utf8');
  const inJson = JSON.stringify(secret).slice(1, -1);
  const forms = [
    secret,
    inJson,
    bytes.toString('base64'),
    bytes.toString('base64url'),
    bytes.toString('hex'),
  ];
  // Longest first, so a form that contains another is replaced whole.
  return [...new Set(forms)].sort((a, b) => b.length - a.length);
}

export function createSecretRegistry(options: SecretRegistryOptions = {}): SecretRegistry {
  const now = options.now ?? Date.now;
  const maxEntries = options.maxEntries ?? defaultMaxSecrets;
  // Insertion order is age order: Map iterates oldest first.
  const secrets = new Map<string, SecretEntry>();

  function purgeExpired(time: number): void {
    for (const [secret, entry] of secrets) {
      if (entry.expiresAt !== null && entry.expiresAt <= time) secrets.delete(secret);
    }
  }

  /** The oldest secret with a time limit, or else the oldest of all. */
  function evictOne(): void {
    let oldest: string | undefined;
    for (const [secret, entry] of secrets) {
      oldest ??= secret;
      if (entry.expiresAt !== null) {
        secrets.delete(secret);
        return;
      }
    }
    // Only secrets without a time limit: the one added longest ago is the least likely in use.
    if (oldest !== undefined) secrets.delete(oldest);
  }

  return {
    add(secret, addOptions = {}) {
      if (secret.length < minimumSecretLength) return;
      const time = now();
      purgeExpired(time);
      const ttlMs = addOptions.ttlMs;
      // A time limit that is not a number (an expiry the server left out) means none: redacting
      // for too long is harmless, too short is not.
      const expiresAt = ttlMs === undefined || !Number.isFinite(ttlMs) ? null : time + Math.max(0, ttlMs);
      const existing = secrets.get(secret);
      if (existing) {
        if (existing.expiresAt !== null)
          existing.expiresAt = expiresAt === null ? null : Math.max(existing.expiresAt, expiresAt);
        return;
      }
      if (expiresAt !== null && expiresAt <= time) return;
      while (secrets.size >= maxEntries) evictOne();
      secrets.set(secret, { forms: encodings(secret), expiresAt });
    },
    remove(secret) {
      secrets.delete(secret);
    },
    redact(text) {
      purgeExpired(now());
      let result = text;
      for (const { forms } of secrets.values()) {
        for (const form of forms) {
          if (result.includes(form)) result = result.split(form).join(redactedMarker);
        }
      }
      return result;
    },
  };
}

export const maxFieldLength = 200;
export const maxMessageLength = 300;

/** Printable and bounded; a cut is marked with how much was left out. */
export function boundedText(text: string, maxLength: number): string {
  const printable = text.replace(unsafeTextCharacters, '\uFFFD');
  if (printable.length <= maxLength) return printable;
  const cut = sliceWhole(printable, maxLength);
  return `${cut}…[${printable.length - cut.length} more characters]`;
}

export function createLogger(options: {
  write: (line: string) => void;
  secrets: SecretRegistry;
  minimumLevel?: LogLevel;
  now?: () => Date;
}): Logger {
  const order: LogLevel[] = ['debug', 'info', 'warn', 'error'];
  const threshold = order.indexOf(options.minimumLevel ?? 'info');
  const now = options.now ?? (() => new Date());
  const { secrets } = options;
  // Redacted before it is cut, or a secret cut in half would no longer match.
  const clean = (text: string, maxLength: number) => boundedText(secrets.redact(text), maxLength);
  const log = (level: LogLevel) => (message: string, fields?: LogFields) => {
    if (order.indexOf(level) < threshold) return;
    // No prototype: a field named __proto__ is then just a field.
    const entry = Object.assign(Object.create(null) as Record<string, unknown>, {
      time: now().toISOString(),
      level,
      message: clean(message, maxMessageLength),
    });
    for (const [name, value] of Object.entries(fields ?? {})) {
      if (Object.hasOwn(entry, name)) continue;
      entry[boundedText(name, maxFieldLength)] =
        typeof value === 'string' ? clean(value, maxFieldLength) : value;
    }
    options.write(secrets.redact(JSON.stringify(entry)));
  };
  return { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
}

/** A logger that keeps lines in memory: for tests and for the in-app diagnostics view. */
export function createMemoryLogger(
  secrets: SecretRegistry = createSecretRegistry(),
): Logger & { lines: string[] } {
  const lines: string[] = [];
  return Object.assign(createLogger({ write: (line) => lines.push(line), secrets, minimumLevel: 'debug' }), {
    lines,
  });
}

/**
 * The one way main logs an error: by its name, never its message, because a message from
 * deep inside a library or from a server may quote what it was given (a key, a payload).
 */
export function errorName(error: unknown): string {
  return error instanceof Error ? error.name : typeof error;
}
