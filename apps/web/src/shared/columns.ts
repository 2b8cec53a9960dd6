/**
 * Column choice for wide tables (issue 14 point 2): each table has default columns that fit a
 * 1440 px screen; the user may show or hide the others, remembered per user and table in this
 * browser's localStorage (a private display preference, nothing the server needs to know).
 */

/** A column the picker offers: its key, label and width (px) when shown. */
export interface PickableColumn {
  readonly key: string;
  readonly width: number;
  /** Hidden until the user shows it. */
  readonly hiddenByDefault?: boolean;
}

export function storageKey(userId: number | string, tableId: string): string {
  return `nt.columns.${userId}.${tableId}`;
}

/**
 * The keys to show: the stored choice when there is a valid one, else the defaults. The first
 * column (what identifies a row) is always shown; unknown stored keys are ignored.
 */
export function visibleKeys(columns: readonly PickableColumn[], stored: string | null): string[] {
  const all = columns.map((c) => c.key);
  const first = all[0];
  let chosen: Set<string> | null = null;
  if (stored) {
    try {
      const parsed: unknown = JSON.parse(stored);
      if (Array.isArray(parsed) && parsed.every((k) => typeof k === 'string')) chosen = new Set(parsed as string[]);
    } catch {
      chosen = null;
    }
  }
  return columns
    .filter((c, i) => (i === 0 ? true : chosen ? chosen.has(c.key) : !c.hiddenByDefault))
    .map((c) => c.key)
    .filter((k, i) => i > 0 || k === first);
}

/** The table's scroll width for these columns (antd stretches it to the container when wider). */
export function scrollWidth(columns: readonly PickableColumn[], visible: readonly string[]): number {
  const shown = new Set(visible);
  return columns.filter((c) => shown.has(c.key)).reduce((sum, c) => sum + c.width, 0);
}

/** Reads the stored choice; null when there is none or storage is unavailable. */
export function readChoice(key: string): string | null {
  try {
    return globalThis.localStorage?.getItem(key) ?? null;
  } catch {
    return null;
  }
}

export function writeChoice(key: string, visible: readonly string[] | null): void {
  try {
    if (visible === null) globalThis.localStorage?.removeItem(key);
    else globalThis.localStorage?.setItem(key, JSON.stringify(visible));
  } catch {
    /* storage full or disabled: the choice lasts for this page only */
  }
}
