import { useCallback, useMemo, useRef, useState } from 'react';
import { TreeSelect } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { Unit } from '@nang-tam/contracts';
import { unitsApi } from '../api/endpoints';
import { useI18n } from '../i18n';
import { useDebounced } from './hooks';

const childrenKey = (parentId: number | null) => ['units', 'children', parentId ?? 'root'] as const;

interface TreeNode {
  value: number;
  title: string;
  isLeaf: boolean;
  children?: TreeNode[];
}

interface Props {
  id?: string;
  value?: number | null;
  onChange?: (value: number | null) => void;
  /** Name of the unit already chosen (it may sit in a branch not loaded yet). */
  initialLabel?: string;
  placeholder?: string;
  status?: '' | 'error' | 'warning';
  'aria-label'?: string;
}

/**
 * Chooses a unit of the user's scope: browse the tree level by level, or type a few letters
 * (with or without diacritics) to search every unit in scope.
 */
export function UnitPicker({ id, value, onChange, initialLabel, placeholder, status, ...rest }: Props) {
  const { t } = useI18n();
  const qc = useQueryClient();
  const [children, setChildren] = useState<Record<number, Unit[]>>({});
  const [loadedKeys, setLoadedKeys] = useState<number[]>([]);
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim(), 300);

  const roots = useQuery({ queryKey: childrenKey(null), queryFn: () => unitsApi.children(), staleTime: 60_000 });
  const found = useQuery({
    queryKey: ['units', 'search', q],
    queryFn: () => unitsApi.search(q),
    enabled: q.length >= 2,
    staleTime: 60_000,
  });

  const loadChildren = useCallback(
    async (parentId: number) => {
      const r = await qc.fetchQuery({ queryKey: childrenKey(parentId), queryFn: () => unitsApi.children(parentId), staleTime: 60_000 });
      setChildren((prev) => ({ ...prev, [parentId]: r.items }));
      setLoadedKeys((prev) => (prev.includes(parentId) ? prev : [...prev, parentId]));
    },
    [qc],
  );

  // Every unit name seen so far, so the chosen unit keeps its name whatever the list shows now.
  const seen = useRef(new Map<number, string>());
  const initialId = useRef(value);
  if (initialLabel && initialId.current && !seen.current.has(initialId.current)) seen.current.set(initialId.current, initialLabel);
  const labels = useMemo(() => {
    const m = seen.current;
    for (const u of roots.data?.items ?? []) m.set(u.id, u.name);
    for (const list of Object.values(children)) for (const u of list) m.set(u.id, u.name);
    for (const u of found.data?.items ?? []) m.set(u.id, u.name);
    return m;
  }, [roots.data, children, found.data]);

  const searching = q.length >= 2;
  const treeData = useMemo<TreeNode[]>(() => {
    if (searching) return (found.data?.items ?? []).map((u) => ({ value: u.id, title: u.name, isLeaf: true }));
    const build = (units: Unit[]): TreeNode[] =>
      units.map((u) => ({
        value: u.id,
        title: u.name,
        isLeaf: u.childCount === 0,
        children: children[u.id] ? build(children[u.id]!) : undefined,
      }));
    return build(roots.data?.items ?? []);
  }, [searching, found.data, roots.data, children]);

  const labelled = value ? { value, label: labels.get(value) ?? `#${value}` } : null;

  return (
    <TreeSelect<{ value: number; label: React.ReactNode } | null>
      id={id}
      aria-label={rest['aria-label']}
      status={status}
      labelInValue
      value={labelled}
      onChange={(v) => {
        onChange?.(v ? Number(v.value) : null);
        setSearch('');
      }}
      treeData={treeData}
      loadData={
        searching
          ? undefined
          : (node) =>
              loadChildren(Number(node.value)).then(
                () => undefined,
                () => undefined,
              )
      }
      treeLoadedKeys={loadedKeys}
      showSearch={{ searchValue: search, onSearch: setSearch, filterTreeNode: false, autoClearSearchValue: true }}
      allowClear
      placeholder={placeholder ?? t('units.pick')}
      loading={roots.isPending || (searching && found.isFetching)}
      notFoundContent={searching && found.isFetching ? t('common.loading') : t('units.noMatch')}
      popupMatchSelectWidth={false}
      styles={{ popup: { root: { maxWidth: 'min(520px, 95vw)' } } }}
      style={{ width: '100%' }}
    />
  );
}
