import { lazy, Suspense, useEffect, useState } from 'react';
import { Alert, Badge, Button, Card, Checkbox, Drawer, Empty, Flex, Grid, Input, Space, Tag, Typography } from 'antd';
import {
  ApartmentOutlined,
  CloudUploadOutlined,
  FilterOutlined,
  PlusOutlined,
  SearchOutlined,
  UpOutlined,
  DownOutlined,
} from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router-dom';
import { exportsApi, peopleApi, unitsApi } from '../../api/endpoints';
import { useReference } from '../../api/reference';
import { useCurrentUser } from '../../app/session';
import { allows } from '../../app/actions';
import { useI18n } from '../../i18n';
import { errorMessage } from '../../shared/errors';
import { useDebounced, useIsMobile, usePageTitle } from '../../shared/hooks';
import { ExportButton } from '../jobs/ExportButton';
import { countActiveFilters, toApiParams, useRegistryState, type FilterKey } from './filters';
import { PeopleTable } from './PeopleTable';
import { UnitTree } from './UnitTree';

// the new-person form (and the date picker in it) is loaded when opened, not with the list (docs/decisions/0060)
// the filters' form (antd's Form, Select, Row/Col) loads when the filters are first shown: a first
// visit without filters in its address does not need it (docs/decisions/0067)
const PeopleFilters = lazy(() => import('./PeopleFilters').then((m) => ({ default: m.PeopleFilters })));
const PersonFormDrawer = lazy(() => import('../people/PersonFormDrawer').then((m) => ({ default: m.PersonFormDrawer })));

export default function RegistryPage() {
  const { t, locale, formatNumber } = useI18n();
  usePageTitle(t('registry.title'));
  const me = useCurrentUser();
  const isMobile = useIsMobile();
  // Below antd's lg breakpoint (992 px) the unit tree and the filters move into drawers.
  const narrow = Grid.useBreakpoint().lg === false;
  const navigate = useNavigate();
  const { state, update, clearFilters } = useRegistryState();
  const { data: ref } = useReference();

  // Search box: typed freely, sent to the URL (and the server) once typing pauses.
  const [search, setSearch] = useState(state.q);
  const debounced = useDebounced(search, 400);
  useEffect(() => {
    if (debounced.trim() !== state.q.trim()) update({ q: debounced.trim() || null }, { replace: true });
    // Only when the typed text settles (not when the URL changes by itself).
  }, [debounced]);
  useEffect(() => {
    setSearch((prev) => (prev.trim() === state.q.trim() ? prev : state.q));
  }, [state.q]);

  const [filtersOpen, setFiltersOpen] = useState(() => countActiveFilters(state) > 0);
  // mounted from the first opening on (then hidden, not unmounted, when closed)
  const [filtersShown, setFiltersShown] = useState(filtersOpen);
  useEffect(() => {
    if (filtersOpen) setFiltersShown(true);
  }, [filtersOpen]);
  const [filterDrawer, setFilterDrawer] = useState(false);
  const [unitDrawer, setUnitDrawer] = useState(false);
  const [creating, setCreating] = useState(false);

  const apiParams = toApiParams(state);
  const listParams = { ...apiParams, limit: state.pageSize, offset: (state.page - 1) * state.pageSize };
  const list = useQuery({
    queryKey: ['people', 'list', listParams],
    queryFn: ({ signal }) => peopleApi.list(listParams, signal),
    placeholderData: keepPreviousData,
  });
  // Above 1,000 matches the list says "more than 1,000"; the exact figure is counted on request.
  const countKey = JSON.stringify(apiParams);
  const [countRequested, setCountRequested] = useState<string | null>(null);
  const exactCount = useQuery({
    queryKey: ['people', 'count', apiParams],
    queryFn: ({ signal }) => peopleApi.count(apiParams, signal),
    enabled: countRequested === countKey,
  });
  const unit = useQuery({
    queryKey: ['units', state.unitId],
    queryFn: () => unitsApi.get(state.unitId!),
    enabled: state.unitId !== null,
    staleTime: 60_000,
  });

  const active = countActiveFilters(state);
  const anyCriteria = active > 0 || state.q.trim() !== '' || state.unitId !== null;
  const setFilter = (key: FilterKey, value: string | null) => update({ [key]: value });
  const selectUnit = (u: { id: number; name: string } | null) => {
    update({ unitId: u?.id ?? null, subtree: null });
    setUnitDrawer(false);
  };

  const empty = (
    <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={anyCriteria ? t('registry.noMatch') : t('registry.emptyRegistry')}>
      {anyCriteria ? (
        <Button
          onClick={() => {
            setSearch('');
            update({ q: null, unitId: null, subtree: null, ...Object.fromEntries(Object.keys(state.filters).map((k) => [k, null])) });
          }}
        >
          {t('registry.clearAll')}
        </Button>
      ) : (
        allows(list.data, 'create') && (
          <Space wrap>
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              {t('registry.add')}
            </Button>
            {allows(list.data, 'import') && (
              <Link to="/imports/people">
                <Button icon={<CloudUploadOutlined />}>{t('nav.import')}</Button>
              </Link>
            )}
          </Space>
        )
      )}
    </Empty>
  );

  const unitName = unit.data?.name;
  const unitChip = state.unitId && (
    <Flex align="center" gap={8} wrap>
      <Tag
        closable
        color="blue"
        icon={<ApartmentOutlined />}
        onClose={(e) => {
          e.preventDefault();
          selectUnit(null);
        }}
        style={{ marginInlineEnd: 0, whiteSpace: 'normal' }}
      >
        {unit.data ? [...unit.data.ancestors.map((a) => a.name), unit.data.name].join(' › ') : (unitName ?? `#${state.unitId}`)}
      </Tag>
      <Checkbox checked={state.subtree} onChange={(e) => update({ subtree: e.target.checked ? null : 'false' })}>
        {t('registry.includeSubunits')}
      </Checkbox>
    </Flex>
  );

  const capped = list.data !== undefined && !list.data.totalExact;
  const exactTotal = capped ? (countRequested === countKey ? exactCount.data?.total : undefined) : list.data?.total;
  // the pager pages through what is known: the exact total, or the cap
  const total = exactTotal ?? list.data?.total;
  const totalText =
    total === undefined ? '' : exactTotal === undefined ? t('registry.moreThan', { n: formatNumber(total) }) : formatNumber(total);
  const actions = (
    <Space wrap>
      {allows(list.data, 'import') && !isMobile && (
        <Link to="/imports/people">
          <Button icon={<CloudUploadOutlined />}>{t('nav.import')}</Button>
        </Link>
      )}
      {allows(list.data, 'export') && <ExportButton start={() => exportsApi.startPeople(apiParams)} total={exactTotal} />}
      {allows(list.data, 'create') && (
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
          {t('registry.add')}
        </Button>
      )}
    </Space>
  );

  const searchBox = (
    <Input
      allowClear
      size="large"
      prefix={<SearchOutlined />}
      placeholder={t('registry.searchPlaceholder')}
      aria-label={t('registry.search')}
      data-testid="people-search"
      value={search}
      onChange={(e) => setSearch(e.target.value)}
      onPressEnter={() => update({ q: search.trim() || null }, { replace: true })}
      maxLength={100}
      style={{ flex: 1, minWidth: 0 }}
    />
  );

  const results = (
    <>
      <Flex justify="space-between" align="center" wrap gap={8} style={{ margin: '12px 0' }}>
        <Typography.Text aria-live="polite" data-testid="people-total">
          {total === undefined ? (
            t('common.loading')
          ) : (
            <>
              {t('registry.totalPrefix')} <strong className="nt-num">{totalText}</strong> {t('registry.totalSuffix')}
              {exactTotal === undefined && (
                <>
                  {' '}
                  <Button
                    size="small"
                    type="link"
                    data-testid="people-count-exact"
                    loading={exactCount.isFetching}
                    onClick={() => setCountRequested(countKey)}
                  >
                    {t('registry.countExactly')}
                  </Button>
                </>
              )}
            </>
          )}
        </Typography.Text>
      </Flex>
      {list.isError ? (
        <Alert
          type="error"
          showIcon
          title={t('registry.loadFailed')}
          description={errorMessage(list.error, locale)}
          action={
            <Space orientation="vertical">
              <Button size="small" onClick={() => void list.refetch()}>
                {t('action.retry')}
              </Button>
              <Button size="small" onClick={() => navigate('/people')}>
                {t('registry.clearAll')}
              </Button>
            </Space>
          }
        />
      ) : (
        <PeopleTable
          items={list.data?.items ?? []}
          total={total ?? 0}
          totalText={totalText || undefined}
          loading={list.isFetching}
          reference={ref}
          sort={state.sort}
          page={state.page}
          pageSize={state.pageSize}
          onSort={(sort) => update({ sort })}
          onPage={(page, pageSize) => {
            update({ page, pageSize }, { keepPage: true });
            window.scrollTo({ top: 0, behavior: 'smooth' });
          }}
          mobile={isMobile}
          empty={empty}
        />
      )}
    </>
  );

  return (
    <>
      <div className="nt-page-head">
        <div>
          <Typography.Title level={1} className={isMobile ? 'nt-h1' : 'nt-h1 nt-h1-lg'}>
            {t('registry.title')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('registry.subtitle', { unit: me.unit.name })}</Typography.Text>
        </div>
        {actions}
      </div>

      {narrow ? (
        <>
          <Flex vertical gap={8}>
            {searchBox}
            <Flex gap={8}>
              <Button icon={<ApartmentOutlined />} onClick={() => setUnitDrawer(true)} style={{ flex: 1 }}>
                {t('registry.units')}
              </Button>
              <Badge count={active} size="small" offset={[-4, 4]}>
                <Button icon={<FilterOutlined />} onClick={() => setFilterDrawer(true)}>
                  {t('registry.filters')}
                </Button>
              </Badge>
            </Flex>
            {unitChip}
          </Flex>
          {results}
          <Drawer
            open={unitDrawer}
            onClose={() => setUnitDrawer(false)}
            placement="left"
            size={isMobile ? '88%' : 420}
            title={t('registry.units')}
          >
            <UnitTree selectedId={state.unitId} onSelect={selectUnit} />
          </Drawer>
          <Drawer
            open={filterDrawer}
            onClose={() => setFilterDrawer(false)}
            placement={isMobile ? 'bottom' : 'right'}
            size={isMobile ? '85%' : 420}
            title={t('registry.filters')}
            footer={
              <Button type="primary" block onClick={() => setFilterDrawer(false)}>
                {total === undefined ? t('registry.showResults') : t('registry.showN', { n: totalText })}
              </Button>
            }
          >
            <Suspense fallback={null}>
              <PeopleFilters state={state} onChange={setFilter} onClear={clearFilters} stacked />
            </Suspense>
          </Drawer>
        </>
      ) : (
        <div className="nt-registry">
          <aside className="nt-registry-side" aria-label={t('registry.units')}>
            <Card size="small" title={t('registry.units')} styles={{ body: { padding: 12 } }}>
              <UnitTree selectedId={state.unitId} onSelect={selectUnit} />
            </Card>
          </aside>
          <section aria-label={t('registry.listLabel')}>
            <Card styles={{ body: { padding: 16 } }}>
              <Flex gap={8} align="center">
                {searchBox}
                <Badge count={active} size="small">
                  <Button
                    size="large"
                    icon={<FilterOutlined />}
                    onClick={() => setFiltersOpen((o) => !o)}
                    aria-expanded={filtersOpen}
                    aria-controls="registry-filters"
                  >
                    {t('registry.filters')} {filtersOpen ? <UpOutlined /> : <DownOutlined />}
                  </Button>
                </Badge>
              </Flex>
              {unitChip && <div style={{ marginTop: 12 }}>{unitChip}</div>}
              <div id="registry-filters" hidden={!filtersOpen} style={{ marginTop: 12 }}>
                {filtersShown && (
                  <Suspense fallback={null}>
                    <PeopleFilters state={state} onChange={setFilter} onClear={clearFilters} />
                  </Suspense>
                )}
              </div>
              {results}
            </Card>
          </section>
        </div>
      )}

      {creating && (
        <Suspense fallback={null}>
          <PersonFormDrawer
            open={creating}
            onClose={() => setCreating(false)}
            defaultUnit={state.unitId && unitName ? { id: state.unitId, name: unitName } : { id: me.unit.id, name: me.unit.name }}
            onSaved={(p) => {
              setCreating(false);
              navigate(`/people/${p.id}`);
            }}
          />
        </Suspense>
      )}
    </>
  );
}
