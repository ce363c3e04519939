/** History: keep it or not, how long, and where it is stored and how much space it takes. */
import { useEffect, useState, type ReactNode } from 'react';
import type { TranscriptStorageInfo } from '../../shared/history';
import type { EarshotClient } from '../bridge/earshot-client';
import { SettingSelect } from './choice-fields';
import { SettingToggle, type FormSectionProps } from './form-fields';

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
      <SettingSelect form={form} set={set} setting="historyRetentionDays" />
      <p className="help" data-testid="history-storage">
        {storage
          ? `Transcripts are stored in ${storage.directory} and take ${sizeText(storage.bytes)} (${storage.sessionCount} ${storage.sessionCount === 1 ? 'session' : 'sessions'}).`
          : 'Reading where transcripts are stored…'}
      </p>
    </section>
  );
}
