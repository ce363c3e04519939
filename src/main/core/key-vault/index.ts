export { createJsonFileKeyMetadataStore } from './json-file-metadata-store';
export {
  createKeyChecker,
  defaultCheckTimeoutSeconds,
  type KeyChecker,
  type KeyCheckResult,
} from './key-checker';
export type { KeyMetadataStore } from './key-metadata';
export { createKeyVault, type KeyVault, type KeyVaultDeps } from './key-vault';
export { keyFingerprint } from './fingerprint';
export {
  keychainAccount,
  keychainError,
  keychainService,
  loadKeytarSecretStore,
  type SecretStore,
} from './secret-store';
