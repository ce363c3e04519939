/** History: keep it or not, how long, and where it is stored and how much space it takes. */
import { useEffect, useState, type ReactNode } from 'react';
import { historyRetentionChoices, type TranscriptStorageInfo } from '../../shared/history';
import { settingTitle } from '../../shared/settings-labels';
import type { EarshotClient } from '../bridge/earshot-client';
import { SettingToggle, type FormSectionProps } from './form-fields';

const retentionTitles = { forever: 'Forever', 7: '7 days', 30: '30 days', 90: '90 days' } as const;

/** "12.5 MB", "840 KB", "0 bytes": storage as people read it. */
export function sizeText(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value < 10 ? value.toFixed(1) : Math.round(value)} ${units[unit]}`;
}

export function HistorySection(
  props: Pick<FormSectionProps, 'form' | 'set'> & { client: EarshotClient },
): ReactNode {
  const { form, set, client } = props;
  const [storage, setStorage] = useState<TranscriptStorageInfo | null>(null);
  useEffect(() => {
    client.getStorageInfo().then(setStorage, () => undefined);
  }, [client]);
  return (
    <section className="settings-section" aria-labelledby="history-heading">
      <h2 id="history-heading">History</h2>
      <SettingToggle form={form} set={set} id="keep-history" setting="keepHistory" />
      <p className="help">
        Off: new sessions are not saved. Nothing said is written to disk, not even audio Deepgram could not
        take in time (that is lost). Sessions saved before stay in History.
      </p>
      <div className="field">
        <label htmlFor="history-retention">{settingTitle('historyRetentionDays')}</label>
        <select
          id="history-retention"
          data-testid="history-retention-select"
          value={form.historyRetentionDays ?? 'forever'}
          aria-describedby="history-retention-help"
          onChange={(event) => {
            const days = historyRetentionChoices.find((choice) => String(choice) === event.target.value);
            set('historyRetentionDays', days ?? null);
          }}
        >
          {historyRetentionChoices.map((choice) => (
            <option key={String(choice)} value={choice ?? 'forever'}>
              {retentionTitles[choice ?? 'forever']}
            </option>
          ))}
        </select>
        <p id="history-retention-help" className="help">
          Sessions that ended longer ago are deleted when Earshot starts and once a day. A running session is
          never deleted.
        </p>
      </div>
      <p className="help" data-testid="history-storage">
        {storage
          ? `Transcripts are stored in ${storage.directory} and take ${sizeText(storage.bytes)} (${storage.sessionCount} ${storage.sessionCount === 1 ? 'session' : 'sessions'}).`
          : 'Reading where transcripts are stored…'}
      </p>
    </section>
  );
}
