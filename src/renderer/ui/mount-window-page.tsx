/**
 * Starts a window's page in #root: its app when the window's preload gave it a bridge, or a
 * notice when the page was opened without that preload (outside Earshot).
 */
import { StrictMode, type HTMLAttributes, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';

export function mountWindowPage<Bridge>(page: {
  bridge: Bridge | undefined;
  app: (bridge: Bridge) => ReactNode;
  /** What the page says, as an alert, when it has no bridge. */
  notice: string;
  /** The attributes of the notice's <main>, so it looks like the window's own page. */
  main: HTMLAttributes<HTMLElement> & Record<`data-${string}`, string>;
}): void {
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      {page.bridge ? (
        page.app(page.bridge)
      ) : (
        <main {...page.main}>
          <p role="alert">{page.notice}</p>
        </main>
      )}
    </StrictMode>,
  );
}
