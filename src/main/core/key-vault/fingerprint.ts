import { createHmac, randomBytes } from 'node:crypto';

/**
 * A keyed hash of the key, short enough to compare by eye ("fp:3f2a-91c0-7be4"). The salt is
 * random per install, so the fingerprint cannot be looked up or matched across machines, and
 * 48 bits of an HMAC reveal nothing usable about a 160-bit key.
 */
export function keyFingerprint(key: string, salt: string): string {
  const digest = createHmac('sha256', Buffer.from(salt, 'hex')).update(key, 'utf8').digest('hex');
  return `fp:${digest.slice(0, 4)}-${digest.slice(4, 8)}-${digest.slice(8, 12)}`;
}

export function newFingerprintSalt(): string {
  return randomBytes(16).toString('hex');
}

export function isFingerprintSalt(value: unknown): value is string {
  return typeof value === 'string' && /^[0-9a-f]{32}$/.test(value);
}
