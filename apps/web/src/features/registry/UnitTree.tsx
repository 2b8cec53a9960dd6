import { useCallback, useEffect, useMemo, useRef, useState, type Key } from 'react';
import { Button, Checkbox, Empty, Flex, Input, Skeleton, Tag, Tree, Typography, type TreeDataNode } from 'antd';
import { ApartmentOutlined, SearchOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { Unit } from '@nang-tam/contracts';
import { todayInVietnam } from '@nang-tam/domain';
import { unitsApi } from '../../api/endpoints';
import { useI18n } from '../../i18n';
import { useDebounced } from '../../shared/hooks';
import { formatDate } from '../../shared/format';

/** "Đã sáp nhập (đến 30/06/2025)": a unit shown only because historical units were asked for. */
function HistoricalTag({ validTo }: { validTo: string }) {
  const { t } = useI18n();
  return (
    <Tag style={{ marginInlineStart: 6 }}>
      {t('units.historicalUntil', { date: formatDate(validTo) })}
    </Tag>
  );
}

export const unitChildrenKey = (parentId: number | null, historical = false) =>
  ['units', 'children', parentId ?? 'root', historical ? 'historical' : 'live'] as const;

interface Props {
  selectedId: number | null;
  onSelect: (unit: { id: number; name: string } | null) => void;
  /** Fixed height enables virtual scrolling (a province holds thousands of communes). */
  height?: number;
}

/**
 * The user's units, loaded level by level; each node shows how many people it holds. Units no longer
 * in existence (merged away) are listed only when the user asks for them (the server filters).
 */
export function UnitTree(props: Props) {
  const [historical, setHistorical] = useState(false);
  // a fresh tree for each choice: the levels loaded so far belong to the other one
  return <UnitTreeOf key={historical ? 'historical' : 'live'} {...props} historical={historical} onHistorical={setHistorical} />;
}

function UnitTreeOf({ selectedId, onSelect, height, historical, onHistorical }: Props & { historical: boolean; onHistorical: (v: boolean) => void }) {
  const { t, formatNumber } = useI18n();
  const qc = useQueryClient();
  const [children, setChildren] = useState<Record<number, Unit[]>>({});
  const [expanded, setExpanded] = useState<Key[]>([]);
  const [loaded, setLoaded] = useState<Key[]>([]);
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim(), 300);
  const revealed = useRef<number | null>(null);
  const today = todayInVietnam();

  const roots = useQuery({ queryKey: unitChildrenKey(null, historical), queryFn: () => unitsApi.children(undefined, historical), staleTime: 60_000 });
  const found = useQuery({
    queryKey: ['units', 'search', q, historical],
    queryFn: () => unitsApi.search(q, historical),
    enabled: q.length >= 2,
    staleTime: 60_000,
  });

  const loadChildren = useCallback(
    async (id: number) => {
      const r = await qc.fetchQuery({ queryKey: unitChildrenKey(id, historical), queryFn: () => unitsApi.children(id, historical), staleTime: 60_000 });
      setChildren((prev) => ({ ...prev, [id]: r.items }));
      setLoaded((prev) => (prev.includes(id) ? prev : [...prev, id]));
      return r.items;
    },
    [qc, historical],
  );

  // On first load: open the scope's root, and open the way down to a unit chosen in the URL.
  useEffect(() => {
    const rootUnits = roots.data?.items;
    if (!rootUnits || revealed.current === (selectedId ?? 0)) return;
    revealed.current = selectedId ?? 0;
    void (async () => {
      const open: number[] = [];
      try {
      const known = new Set(rootUnits.map((u) => u.id));
      if (rootUnits.length === 1 && rootUnits[0]!.childCount > 0) {
        const kids = await loadChildren(rootUnits[0]!.id);
        kids.forEach((k) => known.add(k.id));
        open.push(rootUnits[0]!.id);
      }
      if (selectedId && !known.has(selectedId)) {
        try {
          const detail = await qc.fetchQuery({ queryKey: ['units', selectedId], queryFn: () => unitsApi.get(selectedId) });
          for (const a of detail.ancestors) {
            if (!known.has(a.id) || open.includes(a.id)) continue;
            const kids = await loadChildren(a.id);
            kids.forEach((k) => known.add(k.id));
            open.push(a.id);
          }
        } catch {
          /* a unit outside the scope: the list shows the error */
        }
      }
      } catch {
        /* the session ended or the server is away: the tree stays as it is */
      }
      if (open.length) setExpanded((prev) => Array.from(new Set([...prev, ...open])));
    })();
  }, [roots.data, selectedId, loadChildren, qc]);

  const treeData = useMemo(() => {
    const build = (units: Unit[]): TreeDataNode[] =>
      units.map((u) => ({
        key: u.id,
        title: (
          <span>
            {u.name}
            {u.validTo !== null && u.validTo < today && <HistoricalTag validTo={u.validTo} />}
            <span className="nt-tree-count" title={t('units.peopleCount', { n: formatNumber(u.peopleCount) })}>
              {formatNumber(u.peopleCount)}
            </span>
          </span>
        ),
        isLeaf: u.childCount === 0,
        children: children[u.id] ? build(children[u.id]!) : undefined,
      }));
    return build(roots.data?.items ?? []);
  }, [roots.data, children, t, formatNumber, today]);

  const names = useMemo(() => {
    const m = new Map<number, string>();
    for (const u of roots.data?.items ?? []) m.set(u.id, u.name);
    for (const list of Object.values(children)) for (const u of list) m.set(u.id, u.name);
    return m;
  }, [roots.data, children]);

  return (
    <Flex vertical gap={8}>
      <Input
        allowClear
        size="middle"
        prefix={<SearchOutlined />}
        placeholder={t('units.searchPlaceholder')}
        aria-label={t('units.search')}
        value={search}
        onChange={(e) => setSearch(e.target.value)}
      />
      <Checkbox checked={historical} onChange={(e) => onHistorical(e.target.checked)}>
        {t('units.showHistorical')}
      </Checkbox>
      {selectedId && (
        <Button size="small" type="link" style={{ alignSelf: 'flex-start', padding: 0 }} onClick={() => onSelect(null)}>
          {t('units.showAll')}
        </Button>
      )}
      {q.length >= 2 ? (
        found.isPending ? (
          <Skeleton active paragraph={{ rows: 4 }} title={false} />
        ) : (found.data?.items.length ?? 0) === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('units.noMatch')} />
        ) : (
          <nav aria-label={t('units.searchResults')} className="nt-tree-scroll">
            <Flex vertical>
              {found.data!.items.map((u) => (
                <Button
                  key={u.id}
                  type={u.id === selectedId ? 'primary' : 'text'}
                  ghost={u.id === selectedId}
                  style={{ justifyContent: 'flex-start', height: 'auto', whiteSpace: 'normal', textAlign: 'left', padding: '4px 8px' }}
                  icon={<ApartmentOutlined />}
                  onClick={() => {
                    onSelect({ id: u.id, name: u.name });
                    setSearch('');
                  }}
                >
                  <span>
                    {u.name}
                    {u.validTo !== null && u.validTo < today && <HistoricalTag validTo={u.validTo} />}
                    <span className="nt-tree-count">{formatNumber(u.peopleCount)}</span>
                  </span>
                </Button>
              ))}
            </Flex>
          </nav>
        )
      ) : roots.isPending ? (
        <Skeleton active paragraph={{ rows: 6 }} title={false} />
      ) : roots.isError ? (
        <Typography.Text type="danger">{t('units.loadFailed')}</Typography.Text>
      ) : treeData.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('units.none')} />
      ) : (
        <div className={height ? undefined : 'nt-tree-scroll'}>
          <Tree
            aria-label={t('units.tree')}
            blockNode
            showLine={{ showLeafIcon: false }}
            treeData={treeData}
            height={height}
            // A failed load leaves the node closed and loadable again (no endless retries).
            loadData={(node) => loadChildren(Number(node.key)).then(
              () => undefined,
              () => undefined,
            )}
            loadedKeys={loaded}
            expandedKeys={expanded}
            onExpand={(keys) => setExpanded(keys)}
            selectedKeys={selectedId ? [selectedId] : []}
            onSelect={(keys) => {
              const id = keys[0] === undefined ? null : Number(keys[0]);
              onSelect(id ? { id, name: names.get(id) ?? '' } : null);
            }}
          />
        </div>
      )}
    </Flex>
  );
}
