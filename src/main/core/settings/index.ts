export { openSettingsFile } from './settings-file';
export { createSettingsService, type SettingsBackend } from './settings-service';
