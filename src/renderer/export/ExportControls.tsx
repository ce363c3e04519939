/**
 * Export and copy for one saved session, in History and in the live view after Stop. The
 * window names the session and the format; main renders the file, asks where to save it in a
 * native dialog and writes it, and answers the file's name only. Copies are made here, from
 * the saved session, through the clipboard helper the rest of the window uses.
 */
import { useEffect, useRef, useState, type ReactNode } from 'react';
import {
  exportFormatInfo,
  exportFormats,
  toMarkdown,
  toPlainText,
  type ExportFormat,
} from '../../shared/export';
import { type EarshotClient, userFacingErrorOf } from '../bridge/earshot-client';
import { copyText } from '../ui/copy-text';
import './export.css';

interface ExportControlsProps {
  client: EarshotClient;
  sessionId: string;
}

/** What the last export or copy did, for the session it was made for. */
type Outcome = { sessionId: string; tone: 'ok' | 'error'; text: string } | null;

export function ExportControls(props: ExportControlsProps): ReactNode {
  const { client, sessionId } = props;
  const [format, setFormat] = useState<ExportFormat>('srt');
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  const settle = (next: { tone: 'ok' | 'error'; text: string }): void => {
    if (!mounted.current) return;
    setOutcome({ sessionId, ...next });
    setBusy(false);
  };

  const exportNow = (): void => {
    setBusy(true);
    setOutcome(null);
    client.exportSession({ id: sessionId, format }).then(
      (result) =>
        settle(
          result.saved
            ? { tone: 'ok', text: `Saved as ${result.fileName ?? 'the file you chose'}.` }
            : { tone: 'ok', text: 'Export canceled: nothing was saved.' },
        ),
      (error: unknown) => settle({ tone: 'error', text: userFacingErrorOf(error).message }),
    );
  };

  const copyAs = (kind: 'text' | 'markdown'): void => {
    setBusy(true);
    setOutcome(null);
    client.getHistorySession({ id: sessionId }).then(
      async (transcript) => {
        const text = kind === 'text' ? toPlainText(transcript) : toMarkdown(transcript);
        const copied = await copyText(text);
        settle(
          copied
            ? { tone: 'ok', text: kind === 'text' ? 'Copied as text.' : 'Copied as Markdown.' }
            : { tone: 'error', text: 'The clipboard refused the copy. Try again, or export to a file.' },
        );
      },
      (error: unknown) => settle({ tone: 'error', text: userFacingErrorOf(error).message }),
    );
  };

  const shown = outcome?.sessionId === sessionId ? outcome : null;

  return (
    <div
      className="export-controls"
      role="group"
      aria-label="Export this session"
      data-testid="export-controls"
    >
      <label className="export-format">
        Export as{' '}
        <select
          data-testid="export-format"
          value={format}
          onChange={(event) => setFormat(formatNamed(event.currentTarget.value))}
          disabled={busy}
        >
          {exportFormats.map((option) => (
            <option key={option} value={option}>
              {exportFormatInfo[option].label}
            </option>
          ))}
        </select>
      </label>
      <button type="button" data-testid="export-button" onClick={exportNow} disabled={busy}>
        Export…
      </button>
      <button type="button" data-testid="copy-as-text" onClick={() => copyAs('text')} disabled={busy}>
        Copy as text
      </button>
      <button type="button" data-testid="copy-as-markdown" onClick={() => copyAs('markdown')} disabled={busy}>
        Copy as Markdown
      </button>
      <p
        className={`export-outcome${shown?.tone === 'error' ? ' error' : ''}`}
        role="status"
        data-testid="export-outcome"
      >
        {shown?.text ?? ''}
      </p>
    </div>
  );
}

function formatNamed(value: string): ExportFormat {
  return exportFormats.find((format) => format === value) ?? 'srt';
}
