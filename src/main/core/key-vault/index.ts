export { createJsonFileKeyMetadataStore } from './json-file-metadata-store';
export { createKeyChecker } from './key-checker';
export type { KeyMetadataStore } from './key-metadata';
export { createKeyVault, type KeyVault } from './key-vault';
export { keyFingerprint } from './fingerprint';
export { keychainError, loadKeytarSecretStore, type SecretStore } from './secret-store';
