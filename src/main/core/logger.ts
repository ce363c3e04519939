/**
 * Structured logging for main. Every line passes through redaction of the secrets that
 * main currently knows (the stored key and any credential minted from it), in raw,
 * base64 and hex form, so a careless log call can never leak a key.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogFields = Record<string, string | number | boolean | null | undefined>;

export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

export interface SecretRegistry {
  add(secret: string): void;
  remove(secret: string): void;
  redact(text: string): string;
}

const minimumSecretLength = 8;

function encodings(secret: string): string[] {
  const bytes = Buffer.from(secret, 'utf8');
  return [secret, bytes.toString('base64'), bytes.toString('base64url'), bytes.toString('hex')];
}

export function createSecretRegistry(): SecretRegistry {
  const secrets = new Set<string>();
  return {
    add(secret) {
      if (secret.length >= minimumSecretLength) secrets.add(secret);
    },
    remove(secret) {
      secrets.delete(secret);
    },
    redact(text) {
      let result = text;
      for (const secret of secrets) {
        for (const form of encodings(secret)) {
          if (result.includes(form)) result = result.split(form).join('[redacted]');
        }
      }
      return result;
    },
  };
}

export function createLogger(options: {
  write: (line: string) => void;
  secrets: SecretRegistry;
  minimumLevel?: LogLevel;
}): Logger {
  const order: LogLevel[] = ['debug', 'info', 'warn', 'error'];
  const threshold = order.indexOf(options.minimumLevel ?? 'info');
  const log = (level: LogLevel) => (message: string, fields?: LogFields) => {
    if (order.indexOf(level) < threshold) return;
    const line = JSON.stringify({ time: new Date().toISOString(), level, message, ...fields });
    options.write(options.secrets.redact(line));
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
