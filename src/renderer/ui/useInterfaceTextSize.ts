import { useEffect } from 'react';

/**
 * Scales the whole interface's text (the root font size that every rem and em follows) to
 * the "Text size" setting, in percent. Captions keep their own size in px.
 */
export function useInterfaceTextSize(percent: number): void {
  useEffect(() => {
    document.documentElement.style.setProperty('--interface-scale', String(percent / 100));
  }, [percent]);
}
