import type { UserFacingError } from './user-facing-error';

/** Where a saved key is kept: the OS keychain, or main's memory until Earshot quits. */
export const keyPersistences = ['keychain', 'session-only'] as const;

export type KeyPersistence = (typeof keyPersistences)[number];

/** What a stored key may do, learned from the endpoint when the key was saved. */
export interface KeyCapabilities {
  scopes: string[];
  /** Can mint short-lived access tokens through /v1/auth/grant. */
  canMintTokens: boolean;
  /** Can create and delete (ephemeral) project keys: the keys:write scope. */
  canCreateKeys: boolean;
  canStream: boolean;
}

/**
 * Everything the renderer may know about the key. It never includes any part of the
 * key itself: the fingerprint is a keyed hash that identifies a key without revealing it.
 */
export interface KeyStatus {
  stored: boolean;
  /** Where the key lives: the OS keychain, or main's memory for this session only. */
  storage: KeyPersistence | 'none';
  fingerprint: string | null;
  projectId: string | null;
  projectName: string | null;
  capabilities: KeyCapabilities | null;
  checkedAt: string | null;
  /**
   * The endpoint the key was checked against when it was saved. Main sends the key, and
   * anything minted from it, only to this endpoint's origin.
   */
  endpoint: string | null;
  /** A plain sentence about key details Earshot had to set aside (a damaged file), or null. */
  notice: string | null;
  keychain: { available: boolean; problem: UserFacingError | null };
}
