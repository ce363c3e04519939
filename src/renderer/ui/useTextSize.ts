import { useCallback, useState } from 'react';

const storageKey = 'earshot.captionTextSize';

/** Caption text size, remembered across launches (a display preference, nothing secret). */
export function useTextSize(fallback: number): [number, (size: number) => void] {
  const [size, setSize] = useState(() => {
    const stored = Number(localStorage.getItem(storageKey));
    return Number.isFinite(stored) && stored >= 12 && stored <= 64 ? stored : fallback;
  });
  const update = useCallback((next: number) => {
    setSize(next);
    localStorage.setItem(storageKey, String(next));
  }, []);
  return [size, update];
}
