// A list in a war-room panel that stays small in the DOM whatever the incident's size. Up to
// LONG_LIST_THRESHOLD rows it renders every row, as before (the panel sizes to its content);
// past it, only the rows in view of the panel's scrolling body (plus a few) exist, in a
// container as tall as the whole list. Several lists can share one scrolling body: each
// measures where it starts in it.
//
// The rendered rows flow normally: the container's top padding places the first one, a row's
// top margin any space before it (the gap, or the skip to a focused row kept out of view). No
// row has a transform of its own: Chromium's compositing update on every frame, a keystroke's
// included, grew with the transformed rows on the page (issue 13).
//
// Keyboard and screen readers: in the long form each row is focusable (one tab stop per list,
// on the row last focused) and says its place ("12 of 500") through aria-posinset/setsize;
// arrows, Page Up/Down, Home and End move between rows, bringing the next one into the DOM
// first; the row holding focus is always rendered, so focus is never dropped by scrolling. Tab
// from a row reaches its controls; focusing a control scrolls it into view, which renders the
// rows after it, so tabbing onwards keeps going down the list.
import { defaultRangeExtractor, type Range, useVirtualizer } from '@tanstack/react-virtual';
import {
  type CSSProperties,
  type FocusEvent,
  Fragment,
  type KeyboardEvent,
  type ReactNode,
  useCallback,
  useEffect,
  useLayoutEffect,
  useRef,
  useState,
} from 'react';
import './longList.css';

/** Rows a list renders in full; a longer list renders only what is in view. */
export const LONG_LIST_THRESHOLD = 30;

/** Spread onto a row's root element (li or article). Empty while the list is short. */
export interface LongListRowProps {
  readonly ref?: (element: HTMLElement | null) => void;
  readonly 'data-index'?: number;
  readonly 'data-long-row'?: '';
  readonly style?: CSSProperties;
  readonly tabIndex?: number;
  readonly 'aria-posinset'?: number;
  readonly 'aria-setsize'?: number;
  readonly onFocus?: (event: FocusEvent<HTMLElement>) => void;
  readonly onKeyDown?: (event: KeyboardEvent<HTMLElement>) => void;
}

interface LongListProps<T> {
  readonly items: readonly T[];
  readonly getKey: (item: T) => string;
  readonly renderItem: (item: T, row: LongListRowProps) => ReactNode;
  /** The container element: a list (rows are li) or a div (rows are articles). */
  readonly as?: 'ul' | 'ol' | 'div';
  readonly className?: string;
  readonly role?: string;
  readonly 'aria-label'?: string;
  /** A first guess of a row's height in pixels; rows are measured once rendered. */
  readonly estimateSize: number;
  /** Space between rows in pixels (for rows that had a margin). */
  readonly gap?: number;
  readonly threshold?: number;
}

const NO_ROW: LongListRowProps = {};

export function LongList<T>(props: LongListProps<T>) {
  const { items, getKey, renderItem, threshold = LONG_LIST_THRESHOLD } = props;
  const Tag = props.as ?? 'ul';
  if (items.length <= threshold) {
    return (
      <Tag className={props.className} role={props.role} aria-label={props['aria-label']}>
        {items.map((item) => (
          <Fragment key={getKey(item)}>{renderItem(item, NO_ROW)}</Fragment>
        ))}
      </Tag>
    );
  }
  return <VirtualList {...props} />;
}

/** The nearest ancestor that scrolls vertically: the panel's body. */
function scrollingAncestor(element: HTMLElement): HTMLElement | null {
  for (let node = element.parentElement; node; node = node.parentElement) {
    const { overflowY } = getComputedStyle(node);
    if (overflowY === 'auto' || overflowY === 'scroll') return node;
  }
  return null;
}

/** Where `list` starts inside `scroller`'s scrolled content, in pixels. */
function offsetIn(list: HTMLElement, scroller: HTMLElement): number {
  return list.getBoundingClientRect().top - scroller.getBoundingClientRect().top - scroller.clientTop + scroller.scrollTop;
}

function VirtualList<T>({ items, getKey, renderItem, estimateSize, gap = 0, ...props }: LongListProps<T>) {
  const Tag = props.as ?? 'ul';
  const listRef = useRef<HTMLElement | null>(null);
  const [scroller, setScroller] = useState<HTMLElement | null>(null);
  const [margin, setMargin] = useState(0);
  // The row that holds the list's tab stop (and keeps being rendered while it has focus), by key.
  const [activeKey, setActiveKey] = useState<string | null>(null);
  const [focusIndex, setFocusIndex] = useState<number | null>(null);
  const activeIndex = activeKey === null ? -1 : items.findIndex((item) => getKey(item) === activeKey);
  const activeRef = useRef(activeIndex);
  activeRef.current = activeIndex;

  const measureMargin = useCallback(() => {
    const list = listRef.current;
    if (!list || !scroller) return;
    const next = Math.round(offsetIn(list, scroller));
    setMargin((previous) => (previous === next ? previous : next));
  }, [scroller]);

  useLayoutEffect(() => {
    if (listRef.current) setScroller(scrollingAncestor(listRef.current));
  }, []);
  // What sits above the list (alerts, other groups, an expanded card) moves it: measure after
  // every render and whenever anything in the scrolling body changes size.
  useLayoutEffect(measureMargin);
  useEffect(() => {
    if (!scroller) return;
    const observer = new ResizeObserver(measureMargin);
    for (const child of scroller.children) observer.observe(child);
    return () => observer.disconnect();
  }, [scroller, measureMargin]);

  const rangeExtractor = useCallback((range: Range) => {
    const indexes = defaultRangeExtractor(range);
    const active = activeRef.current;
    if (active >= 0 && active < range.count && !indexes.includes(active)) {
      indexes.push(active);
      indexes.sort((a, b) => a - b);
    }
    return indexes;
  }, []);

  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scroller,
    estimateSize: () => estimateSize,
    overscan: 6,
    gap,
    scrollMargin: margin,
    getItemKey: (index) => getKey(items[index]!),
    rangeExtractor,
  });

  // After a keyboard move, focus the row once it is in the DOM.
  useEffect(() => {
    if (focusIndex === null) return;
    const row = listRef.current?.querySelector<HTMLElement>(`:scope > [data-index="${focusIndex}"]`);
    if (!row) return;
    row.focus({ preventScroll: true });
    setFocusIndex(null);
  });

  const moveTo = (index: number) => {
    const next = Math.max(0, Math.min(items.length - 1, index));
    setActiveKey(getKey(items[next]!));
    virtualizer.scrollToIndex(next, { align: 'auto' });
    setFocusIndex(next);
  };

  const rendered = virtualizer.getVirtualItems();
  const page = Math.max(1, Math.floor((scroller?.clientHeight ?? 0) / Math.max(estimateSize, 1)) - 1);
  // One tab stop per list: the active row if it is rendered, else the first row rendered.
  const tabStop = rendered.some((row) => row.index === activeIndex) ? activeIndex : (rendered[0]?.index ?? -1);
  const listTop = virtualizer.options.scrollMargin;
  const firstStart = rendered[0] ? rendered[0].start - listTop : 0;

  return (
    <Tag
      ref={listRef as never}
      className={props.className}
      role={props.role}
      aria-label={props['aria-label']}
      // The padding, unlike a first row's margin, cannot collapse through the list's own top.
      style={{ height: virtualizer.getTotalSize(), margin: 0, paddingTop: firstStart, boxSizing: 'border-box' }}
    >
      {rendered.map((row, at) => {
        const item = items[row.index]!;
        const key = String(row.key);
        const before = at === 0 ? null : rendered[at - 1]!;
        return (
          <Fragment key={key}>
            {renderItem(item, {
              ref: virtualizer.measureElement,
              'data-index': row.index,
              'data-long-row': '',
              style: { margin: 0, marginTop: before ? row.start - before.end : 0 },
              tabIndex: row.index === tabStop ? 0 : -1,
              'aria-posinset': row.index + 1,
              'aria-setsize': items.length,
              onFocus: () => setActiveKey(key),
              onKeyDown: (event) => {
                // Only the row itself: inside a row, arrows belong to its selects and fields.
                if (event.target !== event.currentTarget) return;
                const moves: Record<string, number> = {
                  ArrowDown: row.index + 1,
                  ArrowUp: row.index - 1,
                  PageDown: row.index + page,
                  PageUp: row.index - page,
                  Home: 0,
                  End: items.length - 1,
                };
                const target = moves[event.key];
                if (target === undefined) return;
                event.preventDefault();
                moveTo(target);
              },
            })}
          </Fragment>
        );
      })}
    </Tag>
  );
}
