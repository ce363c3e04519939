/**
 * Keyterms, editable from the live view, also while a session runs: type a term and press Enter
 * (or Add); each term has its own Remove button. Every change is saved in main at once; the line
 * below says whether Deepgram uses the new list now or from the next connection or session.
 */
import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { type EarshotClient, userFacingErrorOf } from '../bridge/earshot-client';

interface KeytermEditorProps {
  client: Pick<EarshotClient, 'setKeyterms'>;
  /** The saved keyterms; null until the settings are loaded. */
  keyterms: readonly string[] | null;
  onSaved(keyterms: string[]): void;
}

export function KeytermEditor(props: KeytermEditorProps): ReactNode {
  const { client, keyterms, onSaved } = props;
  const [open, setOpen] = useState(false);
  const [draft, setDraft] = useState('');
  const [saving, setSaving] = useState(false);
  const [outcome, setOutcome] = useState<{ kind: 'ok' | 'error'; sentence: string } | null>(null);
  const id = useId();
  const terms = keyterms ?? [];

  const save = async (next: string[]): Promise<boolean> => {
    setSaving(true);
    try {
      const update = await client.setKeyterms({ keyterms: next });
      onSaved(update.keyterms);
      setOutcome({ kind: 'ok', sentence: update.sentence });
      return true;
    } catch (error) {
      setOutcome({ kind: 'error', sentence: userFacingErrorOf(error).message });
      return false;
    } finally {
      setSaving(false);
    }
  };

  const add = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    const term = draft.trim();
    if (term === '') return;
    if (terms.includes(term)) {
      setDraft('');
      return;
    }
    if (await save([...terms, term])) setDraft('');
  };

  return (
    <div className="keyterm-editor" data-testid="keyterm-editor">
      <button
        type="button"
        className="keyterm-toggle"
        data-testid="keyterm-toggle"
        aria-expanded={open}
        aria-controls={`${id}-panel`}
        onClick={() => setOpen(!open)}
        disabled={keyterms === null}
      >
        Keyterms ({terms.length})
      </button>
      {open && (
        <div id={`${id}-panel`} className="keyterm-panel">
          <form className="keyterm-add" onSubmit={(event) => void add(event)}>
            <label htmlFor={`${id}-input`}>New keyterm</label>
            <input
              id={`${id}-input`}
              data-testid="keyterm-input"
              value={draft}
              onChange={(event) => setDraft(event.target.value)}
              spellCheck={false}
              maxLength={100}
              aria-describedby={`${id}-help`}
            />
            <button type="submit" data-testid="keyterm-add" disabled={saving || draft.trim() === ''}>
              Add
            </button>
          </form>
          <p className="help" id={`${id}-help`}>
            Names and words Deepgram should listen for (Nova-3 models). Changes apply to a running session.
          </p>
          {terms.length > 0 && (
            <ul className="keyterm-list" aria-label="Keyterms">
              {terms.map((term) => (
                <li key={term}>
                  <span>{term}</span>
                  <button
                    type="button"
                    data-testid="keyterm-remove"
                    aria-label={`Remove ${term}`}
                    disabled={saving}
                    onClick={() => void save(terms.filter((other) => other !== term))}
                  >
                    Remove
                  </button>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      {outcome && (
        <p
          className={outcome.kind === 'ok' ? 'help keyterm-outcome' : 'callout error keyterm-outcome'}
          data-testid="keyterm-outcome"
          role={outcome.kind === 'ok' ? 'status' : 'alert'}
        >
          {outcome.sentence}
        </p>
      )}
    </div>
  );
}
