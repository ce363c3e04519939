import { useEffect, type ReactNode } from 'react';

/** How long Undo is offered (main keeps the session restorable a little longer). */
export const undoOfferMs = 8000;

/** 'Deleted "…". Undo' for a few seconds after a session was deleted. */
export function DeletedBar(props: { name: string; onUndo(): void; onExpire(): void }): ReactNode {
  const { name, onUndo, onExpire } = props;
  useEffect(() => {
    const timer = setTimeout(onExpire, undoOfferMs);
    return () => clearTimeout(timer);
  }, [name, onExpire]);
  return (
    <div className="callout deleted-bar" role="status" data-testid="history-deleted-bar">
      <span>Deleted “{name}”.</span>{' '}
      <button type="button" data-testid="history-undo-delete" onClick={onUndo}>
        Undo
      </button>
    </div>
  );
}
