import { useCallback, useMemo, useState, type ReactNode } from 'react';
import { Button, Checkbox, Flex, Popover, type TableColumnsType } from 'antd';
import { SettingOutlined } from '@ant-design/icons';
import { useI18n } from '../i18n';
import { readChoice, scrollWidth, storageKey, visibleKeys, writeChoice, type PickableColumn } from './columns';

/** A table column with what the picker needs: a key, a width and a plain-text label. */
export type ChoosableColumn<T> = TableColumnsType<T>[number] & {
  key: string;
  width: number;
  /** The name in the picker (the column title may be markup). */
  pickerLabel: string;
  hiddenByDefault?: boolean;
};

export interface ColumnChoice<T> {
  /** The columns to render: the chosen ones, the first fixed on the left. */
  columns: TableColumnsType<T>;
  /** `scroll.x` for the table. */
  scrollX: number;
  /** The "Cột hiển thị" button and its pop-over. */
  picker: ReactNode;
}

/**
 * Per-screen default columns, a column picker remembered per user and table (localStorage) and
 * the first column fixed while the rest scrolls sideways.
 */
export function useColumnChoice<T>(userId: number, tableId: string, all: ChoosableColumn<T>[]): ColumnChoice<T> {
  const { t } = useI18n();
  const key = storageKey(userId, tableId);
  const [stored, setStored] = useState<string | null>(() => readChoice(key));
  const [storedFor, setStoredFor] = useState(key);
  // another table id (the class board on and off) reads its own choice
  if (storedFor !== key) {
    setStoredFor(key);
    setStored(readChoice(key));
  }
  const pickable: PickableColumn[] = all;
  const visible = useMemo(() => visibleKeys(pickable, stored), [pickable, stored]);

  const choose = useCallback(
    (next: string[] | null) => {
      writeChoice(key, next);
      setStored(next === null ? null : JSON.stringify(next));
    },
    [key],
  );

  const shown = new Set(visible);
  const columns: TableColumnsType<T> = all
    .filter((c) => shown.has(c.key))
    .map(({ pickerLabel: _l, hiddenByDefault: _h, ...c }, i) => (i === 0 ? { ...c, fixed: 'left' as const } : c));

  const content = (
    <Flex vertical gap={6} style={{ minWidth: 200 }}>
      <Checkbox.Group
        value={visible}
        onChange={(v) => choose(all.map((c) => c.key).filter((k, i) => i === 0 || v.includes(k)))}
        style={{ display: 'flex', flexDirection: 'column', gap: 6 }}
      >
        {all.map((c, i) => (
          <Checkbox key={c.key} value={c.key} disabled={i === 0}>
            {c.pickerLabel}
          </Checkbox>
        ))}
      </Checkbox.Group>
      <Button size="small" onClick={() => choose(null)}>
        {t('columns.reset')}
      </Button>
    </Flex>
  );

  const picker = (
    <Popover trigger="click" placement="bottomRight" title={t('columns.title')} content={content}>
      <Button size="small" icon={<SettingOutlined aria-hidden />} data-testid={`columns-${tableId}`}>
        {t('columns.button')}
      </Button>
    </Popover>
  );

  return { columns, scrollX: scrollWidth(pickable.filter((c) => shown.has(c.key)), visible), picker };
}
