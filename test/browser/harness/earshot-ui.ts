/**
 * How the specs find things in Earshot's window: the renderer's test ids
 * (src/renderer/TEST-IDS.md) in one place, and the few flows several specs share.
 */
import { expect, type Locator, type Page } from '@playwright/test';

export class EarshotUi {
  constructor(readonly page: Page) {}

  private id(testId: string): Locator {
    return this.page.getByTestId(testId);
  }

  get settingsView(): Locator {
    return this.page.getByRole('heading', { level: 1, name: 'Settings' });
  }
  get firstRunExplanation(): Locator {
    return this.id('first-run-intro');
  }
  get settingsLink(): Locator {
    return this.id('settings-link');
  }
  get liveLink(): Locator {
    return this.id('live-link');
  }
  get keyInput(): Locator {
    return this.id('key-input');
  }
  get saveKeyButton(): Locator {
    return this.id('save-key');
  }
  get keyStatus(): Locator {
    return this.id('key-status');
  }
  get keyProject(): Locator {
    return this.id('key-project');
  }
  get keyCanMint(): Locator {
    return this.id('key-can-mint');
  }
  get keyCanCreate(): Locator {
    return this.id('key-can-create');
  }
  get keyError(): Locator {
    return this.id('key-error');
  }
  get startButton(): Locator {
    return this.id('start-button');
  }
  get stopButton(): Locator {
    return this.id('stop-button');
  }
  get status(): Locator {
    return this.id('status');
  }
  get interimText(): Locator {
    return this.id('interim-text');
  }
  get finalText(): Locator {
    return this.id('final-text');
  }
  get endpointInput(): Locator {
    return this.id('endpoint-input');
  }
  get modelInput(): Locator {
    return this.id('model-input');
  }
  get keytermsInput(): Locator {
    return this.id('keyterms-input');
  }
  get saveSettingsButton(): Locator {
    return this.id('save-settings');
  }
  get settingsSaved(): Locator {
    return this.id('settings-saved');
  }
  get settingsError(): Locator {
    return this.id('settings-error');
  }
  get historyLink(): Locator {
    return this.id('history-link');
  }
  get historyList(): Locator {
    return this.id('history-list');
  }
  get historyItems(): Locator {
    return this.id('history-item');
  }
  get historyFinalText(): Locator {
    return this.id('history-final-text');
  }
  get historyBackButton(): Locator {
    return this.id('history-back');
  }
  /** Items whose file could not be read whole (`data-damaged="true"`). */
  get damagedHistoryItems(): Locator {
    return this.historyItems.and(this.page.locator('[data-damaged="true"]'));
  }
  /** The sentence under a damaged item, saying what happened and where the file was kept. */
  get historyDamagedReasons(): Locator {
    return this.id('history-damaged-reason');
  }
  /** Why an opened session could not be shown. */
  get historyOpenError(): Locator {
    return this.id('history-open-error');
  }
  /** Above an opened session that could be read only in part. */
  get historyDamagedNotice(): Locator {
    return this.id('history-damaged-notice');
  }
  /** Shown while Stop keeps trying during an outage. */
  get stopNowButton(): Locator {
    return this.id('stop-now-button');
  }
  /** Notices under the status line (held audio, audio waiting to be transcribed later). */
  get sessionNotices(): Locator {
    return this.id('session-notices');
  }
  /** A session's waiting audio: under its item in the list, or above its opened transcript. */
  get waitingAudio(): Locator {
    return this.id('waiting-audio');
  }
  get transcribeNowButton(): Locator {
    return this.id('transcribe-now');
  }
  /** Segments transcribed later from waiting audio, in the opened History session. */
  get historyLaterSegments(): Locator {
    return this.historyFinalText.locator('[data-transcribed-later]');
  }

  /** Replaces a field's text by typing, as a person would (select all, then type). */
  async retype(field: Locator, text: string): Promise<void> {
    await field.click();
    await field.press('ControlOrMeta+a');
    await field.press('Delete');
    await field.pressSequentially(text, { delay: 0 });
  }

  /** Settings screen: types the endpoint URL, saves, and waits for "Settings saved." */
  async setEndpoint(url: string): Promise<void> {
    await this.retype(this.endpointInput, url);
    await this.saveSettingsButton.click();
    await expect(this.settingsSaved).toBeVisible();
  }

  /** Types the key into the settings screen and saves it, as an admin would. */
  async saveKey(key: string): Promise<void> {
    await this.keyInput.click();
    await this.keyInput.pressSequentially(key, { delay: 0 });
    await this.saveKeyButton.click();
  }

  /** First run: Settings is open; save the key and wait until main reports it stored. */
  async setUpKey(key: string, projectName: RegExp | string): Promise<void> {
    await expect(this.keyInput).toBeVisible();
    await this.saveKey(key);
    await expect(this.keyProject).toContainText(projectName, { timeout: 15_000 });
  }

  async goToLiveView(): Promise<void> {
    await this.liveLink.click();
    await expect(this.startButton).toBeVisible();
  }

  async phase(): Promise<string | null> {
    return this.status.getAttribute('data-phase');
  }

  /** The final transcript as shown: every final segment's text, in order. */
  async finalTranscript(): Promise<string> {
    return collapsed(await this.finalText.innerText());
  }

  /** The opened History session's text, as shown. */
  async historyTranscript(): Promise<string> {
    return collapsed(await this.historyFinalText.innerText());
  }
}

function collapsed(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
