/**
 * A speaker's label before their words. Where the session can be changed (History, the live
 * view), the label is a button: pressing it edits the name in place; Enter or leaving the field
 * saves, Escape keeps the old name.
 */
import { useState, type KeyboardEvent, type ReactNode } from 'react';
import './speaker-language.css';
import { speakerKeyOf, speakerName, speakerNameLimit, type SpeakerFields } from '../../shared/speaker-labels';

export type RenameSpeaker = (speakerKey: string, name: string) => void;

export function SpeakerLabel(props: {
  segment: SpeakerFields;
  names: Readonly<Record<string, string>>;
  onRename?: RenameSpeaker | undefined;
}): ReactNode {
  const { segment, names, onRename } = props;
  const [editing, setEditing] = useState<string | null>(null);
  const key = speakerKeyOf(segment);
  const label = speakerName(segment, names);
  if (key === null || label === null) return null;
  if (!onRename) return <span className="speaker">{label}: </span>;

  const finish = (save: boolean): void => {
    const name = editing?.trim() ?? '';
    setEditing(null);
    if (save && name !== label) onRename(key, name);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>): void => {
    if (event.key === 'Enter') finish(true);
    else if (event.key === 'Escape') {
      event.stopPropagation();
      finish(false);
    }
  };

  if (editing !== null) {
    return (
      <span className="speaker">
        <input
          className="speaker-name-input"
          data-testid="speaker-name-input"
          aria-label={`New name for ${label}`}
          value={editing}
          maxLength={speakerNameLimit}
          onChange={(event) => setEditing(event.target.value)}
          onKeyDown={onKeyDown}
          onBlur={() => finish(true)}
          autoFocus
        />
        :{' '}
      </span>
    );
  }
  return (
    <span className="speaker">
      <button
        type="button"
        className="speaker-button"
        data-testid="speaker-label"
        aria-label={`${label}, rename`}
        onClick={() => setEditing(label)}
      >
        {label}
      </button>
      :{' '}
    </span>
  );
}
