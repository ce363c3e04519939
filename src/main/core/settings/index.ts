export { openSettingsFile, type OpenedSettingsFile, type SettingsFileStore } from './settings-file';
export {
  createSettingsService,
  resetNotice,
  type SettingsBackend,
  type SettingsResult,
  type SettingsService,
} from './settings-service';
