import { useEffect, useState, useSyncExternalStore, type RefObject } from 'react';
import { useSearchParams } from 'react-router-dom';

/** antd's md breakpoint: at least this wide is not a phone. */
const NOT_PHONE = '(min-width: 768px)';
const notPhone = () => (typeof window !== 'undefined' && typeof window.matchMedia === 'function' ? window.matchMedia(NOT_PHONE) : null);
function subscribeScreen(onChange: () => void): () => void {
  const query = notPhone();
  query?.addEventListener('change', onChange);
  return () => query?.removeEventListener('change', onChange);
}

/**
 * Phone-sized screen (below antd's md breakpoint, 768 px). Read from `matchMedia` during the first
 * render: antd's `Grid.useBreakpoint` answers "not a phone" until its effect runs, so a phone's first
 * render asked for the desktop header's chunk (docs/decisions/0067).
 */
export function useIsMobile(): boolean {
  return useSyncExternalStore(
    subscribeScreen,
    () => notPhone()?.matches === false,
    () => false,
  );
}

/** The value, once it has stopped changing for `ms`. */
export function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const id = window.setTimeout(() => setV(value), ms);
    return () => window.clearTimeout(id);
  }, [value, ms]);
  return v;
}

export { usePageTitle } from './page-title';

/**
 * Makes the sideways-scrolling body of the tables inside `ref` reachable by keyboard (tabindex 0),
 * so a keyboard user can scroll it (axe: scrollable-region-focusable).
 */
export function useFocusableTableScroll(ref: RefObject<HTMLElement | null>): void {
  useEffect(() => {
    ref.current?.querySelectorAll('.ant-table-content, .ant-table-body').forEach((el) => {
      if (!el.hasAttribute('tabindex')) el.setAttribute('tabindex', '0');
    });
  });
}

/**
 * A list page's state kept in the URL: the query, and `update`, which sets keys (null or '' clears
 * one) and goes back to the first page unless the patch names a page.
 */
export function useUrlState() {
  const [sp, setSp] = useSearchParams();
  const update = (patch: Record<string, string | number | null>) => {
    const next = new URLSearchParams(sp);
    for (const [k, v] of Object.entries(patch)) {
      if (v === null || v === '') next.delete(k);
      else next.set(k, String(v));
    }
    if (!('page' in patch)) next.delete('page');
    setSp(next, { replace: true });
  };
  return [sp, update] as const;
}
