/**
 * A scrolling column of rows that renders only the rows near the viewport once there are
 * many, using measured heights where known and the measured average elsewhere. It follows
 * the newest row until the user scrolls up, and offers a way back.
 */
import { useCallback, useLayoutEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { firstRowEndingAfter, HeightCache } from './height-cache';

/** Below this many rows everything is rendered: windowing would only cost. */
export const windowingThreshold = 200;
const overscanPx = 800;
const bottomSlackPx = 40;
const fallbackRowHeight = 48;

interface VirtualRowsProps {
  count: number;
  /** Changes whenever any row's content changes. */
  version: number;
  rowKey(index: number): string;
  renderRow(index: number): ReactNode;
  /** Rendered after the rows, inside the scroller (the interim text). */
  footer?: ReactNode;
  /** Anything that changes every row's height (text size): drops the measurements. */
  layoutKey: string | number;
  /** Keep the newest row in view as rows arrive. */
  followNewest: boolean;
  rowsTestId: string;
  label: string;
  /** Brings this row into view (once per index) and marks it with data-focused. */
  scrollToIndex?: number | null;
}

export function VirtualRows(props: VirtualRowsProps): ReactNode {
  const { count, version, rowKey, renderRow, footer, layoutKey, followNewest, rowsTestId, label } = props;
  const scrollToIndex = props.scrollToIndex ?? null;
  const scrollerRef = useRef<HTMLDivElement>(null);
  const rowsRef = useRef<HTMLDivElement>(null);
  const lastScrollTop = useRef(0);
  const followingRef = useRef(followNewest);
  // Text size changes every height: a new cache per layout.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const cache = useMemo(() => new HeightCache(), [layoutKey]);
  const [measureVersion, setMeasureVersion] = useState(0);
  const [viewport, setViewport] = useState({ top: 0, height: 600 });
  const [following, setFollowing] = useState(followNewest);

  const windowed = count > windowingThreshold;
  const offsets = useMemo(
    () => (windowed ? cache.offsets(count, rowKey, fallbackRowHeight) : null),
    // measureVersion and version stand for the cache's and the rows' contents.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [cache, count, rowKey, windowed, version, measureVersion],
  );

  let first = 0;
  let last = count;
  let spaceAbove = 0;
  let spaceBelow = 0;
  if (offsets) {
    const total = offsets[count]!;
    const top = following ? Math.max(0, total - viewport.height) : viewport.top;
    first = firstRowEndingAfter(offsets, count, top - overscanPx);
    last = Math.min(count, firstRowEndingAfter(offsets, count, top + viewport.height + overscanPx) + 1);
    spaceAbove = offsets[first]!;
    spaceBelow = total - offsets[last]!;
  }

  useLayoutEffect(() => {
    followingRef.current = following;
  }, [following]);

  // Measure the rendered rows; new heights re-render with corrected spacers.
  useLayoutEffect(() => {
    const container = rowsRef.current;
    if (!container || !windowed) return;
    let changed = false;
    for (const element of container.querySelectorAll<HTMLElement>('[data-row-key]')) {
      if (cache.record(element.dataset.rowKey!, element.getBoundingClientRect().height)) changed = true;
    }
    if (changed) setMeasureVersion((value) => value + 1);
  }, [cache, windowed, first, last, version, measureVersion]);

  const scrollToNewest = useCallback(() => {
    const scroller = scrollerRef.current;
    if (!scroller) return;
    scroller.scrollTop = scroller.scrollHeight;
    lastScrollTop.current = scroller.scrollTop;
  }, []);

  useLayoutEffect(() => {
    if (following) scrollToNewest();
  }, [following, scrollToNewest, version, measureVersion, count, footer, layoutKey]);

  // A narrower or wider window re-wraps every row.
  useLayoutEffect(() => {
    const scroller = scrollerRef.current;
    if (!scroller) return;
    let width = scroller.clientWidth;
    const observer = new ResizeObserver(() => {
      if (scroller.clientWidth !== width) {
        width = scroller.clientWidth;
        cache.clear();
        setMeasureVersion((value) => value + 1);
      }
      setViewport({ top: scroller.scrollTop, height: scroller.clientHeight });
      if (followingRef.current) scrollToNewest();
    });
    observer.observe(scroller);
    return () => observer.disconnect();
  }, [cache, scrollToNewest]);

  // A row asked for: first scroll to where it is estimated to be (it may not be rendered yet),
  // then, once it is rendered, put it in the middle of the view.
  const scrolledTo = useRef<number | null>(null);
  useLayoutEffect(() => {
    const scroller = scrollerRef.current;
    if (!scroller || scrollToIndex === null || scrolledTo.current === scrollToIndex) return;
    const key = rowKey(scrollToIndex);
    const row = rowsRef.current?.querySelector<HTMLElement>(`[data-row-key="${CSS.escape(key)}"]`);
    if (row) {
      row.scrollIntoView({ block: 'center' });
      scrolledTo.current = scrollToIndex;
    } else if (offsets) {
      scroller.scrollTop = offsets[scrollToIndex] ?? 0;
    }
    lastScrollTop.current = scroller.scrollTop;
    setViewport({ top: scroller.scrollTop, height: scroller.clientHeight });
  }, [scrollToIndex, rowKey, offsets, measureVersion]);

  const onScroll = (): void => {
    const scroller = scrollerRef.current;
    if (!scroller) return;
    const top = scroller.scrollTop;
    const atBottom = scroller.scrollHeight - top - scroller.clientHeight < bottomSlackPx;
    if (followingRef.current) {
      // Only a move up by the user stops following; growth below never does.
      if (top < lastScrollTop.current - 1 && !atBottom) setFollowing(false);
    } else if (atBottom && followNewest) {
      setFollowing(true);
    }
    lastScrollTop.current = top;
    setViewport({ top, height: scroller.clientHeight });
  };

  const rows: ReactNode[] = [];
  for (let index = first; index < last; index += 1) {
    const key = rowKey(index);
    rows.push(
      <div
        key={key}
        data-row-key={key}
        className="transcript-row"
        data-focused={index === scrollToIndex ? true : undefined}
      >
        {renderRow(index)}
      </div>,
    );
  }

  return (
    <div className="virtual-rows">
      <div
        ref={scrollerRef}
        className={following ? 'transcript-scroller following' : 'transcript-scroller'}
        onScroll={onScroll}
        tabIndex={0}
        role="region"
        aria-label={label}
      >
        <div ref={rowsRef} data-testid={rowsTestId} data-segment-count={count}>
          {spaceAbove > 0 && <div style={{ height: spaceAbove }} aria-hidden="true" />}
          {rows}
          {spaceBelow > 0 && <div style={{ height: spaceBelow }} aria-hidden="true" />}
        </div>
        {footer}
      </div>
      {followNewest && !following && (
        <button
          type="button"
          className="jump-to-latest"
          data-testid="jump-to-latest"
          onClick={() => {
            setFollowing(true);
            scrollToNewest();
          }}
        >
          Jump to latest ↓
        </button>
      )}
    </div>
  );
}
