/**
 * The redacting logger: secrets never reach a line in any form, registered secrets are
 * bounded and expire, and lines stay bounded and printable whatever they are given.
 */
import { describe, expect, it } from 'vitest';
import {
  boundedText,
  createLogger,
  createMemoryLogger,
  createSecretRegistry,
  defaultMaxSecrets,
  maxFieldLength,
  maxMessageLength,
} from '../../../src/main/core/logger';

function loggerWith(secrets = createSecretRegistry()) {
  const lines: string[] = [];
  const log = createLogger({ write: (line) => lines.push(line), secrets, minimumLevel: 'debug' });
  return { log, lines, secrets };
}

describe('secret registry', () => {
  it('redacts a secret raw, base64, base64url and hex', () => {
    const secrets = createSecretRegistry();
    const secret = 'dg_key_0123456789?>?>abcdef';
    secrets.add(secret);
    const bytes = Buffer.from(secret);
    for (const form of [
      secret,
      bytes.toString('base64'),
      bytes.toString('base64url'),
      bytes.toString('hex'),
    ]) {
      expect(secrets.redact(`before ${form} after`)).toBe('before [redacted] after');
    }
  });

  it('redacts a secret with quotes and backslashes inside a JSON line, where they are escaped', () => {
    const secret = 'ab"cd\\ef"gh\\ij0123';
    const secrets = createSecretRegistry();
    secrets.add(secret);
    const line = JSON.stringify({ message: `x ${secret} y` });
    expect(line).not.toContain(secret);
    expect(secrets.redact(line)).toBe(JSON.stringify({ message: 'x [redacted] y' }));
  });

  it('keeps such a secret out of every line the logger writes, message and fields', () => {
    const secret = 'key"with\\both0123';
    const { log, lines, secrets } = loggerWith();
    secrets.add(secret);
    log.warn(`said ${secret}`, { detail: `x${secret}x`, [`${secret}`]: 1 });
    const raw = lines.join('\n');
    expect(raw).not.toContain(secret);
    expect(raw).not.toContain(JSON.stringify(secret).slice(1, -1));
    expect(JSON.parse(raw)).toMatchObject({ message: 'said [redacted]', detail: 'x[redacted]x' });
  });

  it('drops a secret added with a time limit once it has expired, and keeps one without', () => {
    let now = 1_000;
    const secrets = createSecretRegistry({ now: () => now });
    secrets.add('token-minted-0001', { ttlMs: 30_000 });
    secrets.add('stored-key-00000001');
    now += 29_999;
    expect(secrets.redact('token-minted-0001 stored-key-00000001')).toBe('[redacted] [redacted]');
    now += 1;
    expect(secrets.redact('token-minted-0001 stored-key-00000001')).toBe('token-minted-0001 [redacted]');
  });

  it('extends a secret added again, and a time limit never shortens one without', () => {
    let now = 0;
    const secrets = createSecretRegistry({ now: () => now });
    secrets.add('token-minted-0001', { ttlMs: 10 });
    secrets.add('token-minted-0001', { ttlMs: 100 });
    secrets.add('stored-key-00000001');
    secrets.add('stored-key-00000001', { ttlMs: 1 });
    now = 50;
    expect(secrets.redact('token-minted-0001 stored-key-00000001')).toBe('[redacted] [redacted]');
    now = 10_000;
    expect(secrets.redact('token-minted-0001 stored-key-00000001')).toBe('token-minted-0001 [redacted]');
  });

  it('remove() forgets a secret at once', () => {
    const secrets = createSecretRegistry();
    secrets.add('token-minted-0001', { ttlMs: 60_000 });
    secrets.remove('token-minted-0001');
    expect(secrets.redact('token-minted-0001')).toBe('token-minted-0001');
  });

  it('holds at most its bound: expired secrets go first, then the oldest with a time limit', () => {
    let now = 0;
    const secrets = createSecretRegistry({ now: () => now, maxEntries: 4 });
    secrets.add('stored-key-00000001');
    secrets.add('token-expiring-soon', { ttlMs: 5 });
    secrets.add('token-older-000001', { ttlMs: 1_000 });
    secrets.add('token-newer-000001', { ttlMs: 1_000 });
    now = 10;
    // Full, one expired: it makes the room.
    secrets.add('token-newest-00001', { ttlMs: 1_000 });
    expect(secrets.redact('token-older-000001')).toBe('[redacted]');
    // Full, none expired: the oldest with a time limit goes, never the key without one.
    secrets.add('token-latest-00001', { ttlMs: 1_000 });
    expect(secrets.redact('token-older-000001 stored-key-00000001 token-latest-00001')).toBe(
      'token-older-000001 [redacted] [redacted]',
    );
  });

  it('cannot be grown without limit', () => {
    const secrets = createSecretRegistry();
    for (let index = 0; index < 10_000; index += 1) secrets.add(`token-${index}-abcdefgh`, { ttlMs: 60_000 });
    const text = Array.from({ length: 10_000 }, (_, index) => `token-${index}-abcdefgh`).join(' ');
    const redactedCount = secrets.redact(text).split('[redacted]').length - 1;
    expect(redactedCount).toBe(defaultMaxSecrets);
    // The newest are the ones kept.
    expect(secrets.redact('token-9999-abcdefgh')).toBe('[redacted]');
  });

  it('when every entry has no time limit, the newest secret still gets in', () => {
    const secrets = createSecretRegistry({ maxEntries: 2 });
    secrets.add('stored-key-00000001');
    secrets.add('stored-key-00000002');
    secrets.add('stored-key-00000003');
    expect(secrets.redact('stored-key-00000003 stored-key-00000002')).toBe('[redacted] [redacted]');
  });
});

describe('logger', () => {
  it('writes one JSON object per line with time, level, message and fields', () => {
    const { log, lines } = loggerWith();
    log.info('started', { version: '1.0.0', packaged: false, count: 3 });
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0] ?? '')).toMatchObject({
      level: 'info',
      message: 'started',
      version: '1.0.0',
      packaged: false,
      count: 3,
    });
  });

  it('cuts long field values and messages, and says how much was left out', () => {
    const { log, lines } = loggerWith();
    log.warn('m'.repeat(10_000), { body: 'b'.repeat(1_000_000), short: 'ok' });
    const entry = JSON.parse(lines[0] ?? '') as Record<string, string>;
    expect(entry.body).toBe(`${'b'.repeat(maxFieldLength)}…[${1_000_000 - maxFieldLength} more characters]`);
    expect(entry.message).toBe(
      `${'m'.repeat(maxMessageLength)}…[${10_000 - maxMessageLength} more characters]`,
    );
    expect(entry.short).toBe('ok');
    expect((lines[0] ?? '').length).toBeLessThan(1_000);
  });

  it('redacts before cutting, so a secret that straddles the cut leaves no prefix behind', () => {
    const secret = `sk_${'s'.repeat(300)}`;
    const { log, lines, secrets } = loggerWith();
    secrets.add(secret);
    log.info('x', { value: `${'a'.repeat(150)}${secret}` });
    expect(lines[0]).not.toContain('sk_ss');
    expect(JSON.parse(lines[0] ?? '')).toMatchObject({ value: `${'a'.repeat(150)}[redacted]` });
  });

  it('replaces control characters, line separators and bidi overrides', () => {
    const { log, lines } = loggerWith();
    log.error('a\nb\u001b[31mc', { value: 'x\r\ny\u0000z\u007f\u0085\u2028\u202e' });
    const entry = JSON.parse(lines[0] ?? '') as Record<string, string>;
    expect(entry.message).toBe('a\uFFFDb\uFFFD[31mc');
    expect(entry.value).toBe('x\uFFFD\uFFFDy\uFFFDz\uFFFD\uFFFD\uFFFD\uFFFD');
    expect(lines[0]).not.toMatch(/\\n|\\u001b|\\u0000/);
  });

  it('never ends a cut on half a surrogate pair', () => {
    const text = `${'a'.repeat(maxFieldLength - 1)}😀😀`;
    const cut = boundedText(text, maxFieldLength);
    expect(cut.startsWith(`${'a'.repeat(maxFieldLength - 1)}…`)).toBe(true);
  });

  it('keeps time, level and message its own, whatever the fields are called', () => {
    const { log, lines } = loggerWith();
    const fields = JSON.parse('{"message":"fake","level":"error","__proto__":"own field"}') as Record<
      string,
      string
    >;
    log.info('real', fields);
    const entry = JSON.parse(lines[0] ?? '') as Record<string, unknown>;
    expect(entry).toMatchObject({ message: 'real', level: 'info' });
    expect(Object.getOwnPropertyDescriptor(entry, '__proto__')?.value).toBe('own field');
  });

  it('leaves out lines below the minimum level', () => {
    const memory = createMemoryLogger();
    memory.debug('kept');
    const lines: string[] = [];
    createLogger({ write: (line) => lines.push(line), secrets: createSecretRegistry() }).debug('dropped');
    expect(memory.lines).toHaveLength(1);
    expect(lines).toEqual([]);
  });
});
