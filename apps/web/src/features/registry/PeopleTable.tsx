import { Card, Flex, Pagination, Skeleton, Table, Tag, Typography, type TableProps } from 'antd';
import { Link, useNavigate } from 'react-router-dom';
import type { PersonListItem, Reference } from '@nang-tam/contracts';
import { GENDERS, PERSON_CATEGORIES } from '@nang-tam/domain';
import { levelName } from '../../api/reference';
import { useI18n } from '../../i18n';
import { formatDate } from '../../shared/format';
import { useColumnChoice, type ChoosableColumn } from '../../shared/ColumnPicker';
import { useCurrentUser } from '../../app/session';
import { PAGE_SIZES, type PeopleSort } from './filters';

/** A member, official or probationary (an unknown status is not shown as one). */
const isMember = (m: PersonListItem['partyMembership']) => m === 'member' || m === 'probationary';

interface Props {
  items: PersonListItem[];
  total: number;
  /** The total as shown: "more than 10,000" when the list's count stopped at its cap. */
  totalText?: string;
  loading: boolean;
  reference: Reference | undefined;
  sort: PeopleSort;
  page: number;
  pageSize: number;
  onSort: (sort: PeopleSort) => void;
  onPage: (page: number, pageSize: number) => void;
  mobile: boolean;
  empty: React.ReactNode;
}

type SortOrder = 'ascend' | 'descend' | null;
function orderOf(sort: PeopleSort, field: 'name' | 'birthDate' | 'unit'): SortOrder {
  if (sort === field) return 'ascend';
  if (sort === `-${field}`) return 'descend';
  return null;
}

/** The people list: a table on wide screens, cards on a phone; paging and sorting by the server. */
export function PeopleTable(p: Props) {
  const { t, label, formatNumber } = useI18n();
  const navigate = useNavigate();
  const me = useCurrentUser();
  const dash = <Typography.Text type="secondary">—</Typography.Text>;
  const orDash = (s: string | null | undefined) => (s ? s : dash);

  const showTotal = (total: number, range: [number, number]) =>
    t('registry.range', { from: formatNumber(range[0]), to: formatNumber(range[1]), total: p.totalText ?? formatNumber(total) });

  // Default columns fit the registry's 1,050 px beside the unit tree at 1440 px; LLCT and QLNN are
  // shown because people filter on them (issue 14). Gender, ethnicity and education are one click away.
  const all: ChoosableColumn<PersonListItem>[] = [
    {
      key: 'name',
      title: t('person.fullName'),
      pickerLabel: t('person.fullName'),
      dataIndex: 'fullName',
      width: 210,
      sorter: true,
      sortOrder: orderOf(p.sort, 'name'),
      render: (_, x) => (
        <Flex vertical>
          <Link to={`/people/${x.id}`} onClick={(e) => e.stopPropagation()} style={{ fontWeight: 600 }}>
            {x.fullName}
          </Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {label(PERSON_CATEGORIES, x.category)}
            {isMember(x.partyMembership) ? ` · ${t('person.partyMemberShort')}` : ''}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      key: 'birthDate',
      title: t('person.birthDate'),
      pickerLabel: t('person.birthDate'),
      dataIndex: 'birthDate',
      width: 110,
      sorter: true,
      sortOrder: orderOf(p.sort, 'birthDate'),
      render: (v: string) => <span className="nt-num">{formatDate(v)}</span>,
    },
    {
      key: 'gender',
      title: t('person.gender'),
      pickerLabel: t('person.gender'),
      hiddenByDefault: true,
      dataIndex: 'gender',
      width: 90,
      render: (v: string) => label(GENDERS, v),
    },
    {
      key: 'ethnicity',
      title: t('person.ethnicity'),
      pickerLabel: t('person.ethnicity'),
      hiddenByDefault: true,
      width: 100,
      render: (_, x) => x.ethnicity.name,
    },
    {
      key: 'unit',
      title: t('person.unit'),
      pickerLabel: t('person.unit'),
      width: 220,
      sorter: true,
      sortDirections: ['ascend'],
      sortOrder: orderOf(p.sort, 'unit'),
      render: (_, x) => x.unit.name,
    },
    { key: 'title', title: t('person.title'), pickerLabel: t('person.title'), width: 170, render: (_, x) => orDash(x.title?.name) },
    {
      key: 'education',
      title: t('person.educationLevel'),
      pickerLabel: t('person.educationLevel'),
      hiddenByDefault: true,
      width: 130,
      render: (_, x) => orDash(levelName(p.reference, 'education', x.educationLevel)),
    },
    {
      key: 'llct',
      title: <abbr title={t('qualification.kind.political_theory')}>{t('person.llctShort')}</abbr>,
      pickerLabel: t('qualification.kind.political_theory'),
      width: 110,
      render: (_, x) => orDash(levelName(p.reference, 'political_theory', x.politicalTheoryLevel)),
    },
    {
      key: 'qlnn',
      title: <abbr title={t('qualification.kind.state_management')}>{t('person.qlnnShort')}</abbr>,
      pickerLabel: t('qualification.kind.state_management'),
      width: 150,
      render: (_, x) => orDash(levelName(p.reference, 'state_management', x.stateManagementLevel)),
    },
  ];

  const choice = useColumnChoice(me.id, 'registry', all);

  if (p.mobile) {
    return (
      <div data-testid="people-table" aria-busy={p.loading}>
        {p.loading && p.items.length === 0 ? (
          <Skeleton active paragraph={{ rows: 6 }} />
        ) : p.items.length === 0 ? (
          p.empty
        ) : (
          <Flex vertical gap={8} role="list" aria-label={t('registry.listLabel')}>
            {p.items.map((x) => (
              <Card key={x.id} size="small" className="nt-person-card" role="listitem" hoverable onClick={() => navigate(`/people/${x.id}`)}>
                <Flex justify="space-between" align="start" gap={8}>
                  <Link to={`/people/${x.id}`} onClick={(e) => e.stopPropagation()} style={{ fontWeight: 600, fontSize: 15 }}>
                    {x.fullName}
                  </Link>
                  {isMember(x.partyMembership) && <Tag color="red">{t('person.partyMemberShort')}</Tag>}
                </Flex>
                <Typography.Text type="secondary" style={{ display: 'block' }}>
                  {[x.title?.name, x.unit.name].filter(Boolean).join(' · ')}
                </Typography.Text>
                <Typography.Text style={{ display: 'block', fontSize: 13 }}>
                  {formatDate(x.birthDate)} · {label(GENDERS, x.gender)} · {x.ethnicity.name}
                </Typography.Text>
                <Flex gap={4} wrap style={{ marginTop: 6 }}>
                  {x.educationLevel && <Tag>{levelName(p.reference, 'education', x.educationLevel)}</Tag>}
                  {x.politicalTheoryLevel && (
                    <Tag color="volcano">
                      {t('person.llctShort')}: {levelName(p.reference, 'political_theory', x.politicalTheoryLevel)}
                    </Tag>
                  )}
                  {x.stateManagementLevel && (
                    <Tag color="blue">
                      {t('person.qlnnShort')}: {levelName(p.reference, 'state_management', x.stateManagementLevel)}
                    </Tag>
                  )}
                </Flex>
              </Card>
            ))}
          </Flex>
        )}
        {p.total > 0 && (
          <Pagination
            style={{ marginTop: 12, justifyContent: 'center' }}
            size="small"
            current={p.page}
            pageSize={p.pageSize}
            total={p.total}
            showSizeChanger={false}
            onChange={p.onPage}
            simple
          />
        )}
      </div>
    );
  }

  const onChange: TableProps<PersonListItem>['onChange'] = (pagination, _filters, sorter, extra) => {
    if (extra.action === 'sort') {
      const s = Array.isArray(sorter) ? sorter[0] : sorter;
      const key = s?.columnKey as 'name' | 'birthDate' | 'unit' | undefined;
      if (!s?.order || !key) p.onSort('name');
      else if (key === 'unit') p.onSort('unit');
      else p.onSort(s.order === 'descend' ? (`-${key}` as PeopleSort) : key);
    } else if (extra.action === 'paginate') {
      p.onPage(pagination.current ?? 1, pagination.pageSize ?? p.pageSize);
    }
  };

  return (
    <div data-testid="people-table">
      <Flex justify="end" style={{ marginBottom: 8 }}>
        {choice.picker}
      </Flex>
      <Table<PersonListItem>
        rowKey="id"
        size="middle"
        columns={choice.columns}
        dataSource={p.items}
        loading={p.loading}
        onChange={onChange}
        scroll={{ x: choice.scrollX }}
        showSorterTooltip={false}
        rowClassName={() => 'nt-table-row'}
        onRow={(x) => ({ onClick: () => navigate(`/people/${x.id}`) })}
        locale={{ emptyText: p.loading ? <div style={{ height: 120 }} /> : p.empty }}
        pagination={{
          current: p.page,
          pageSize: p.pageSize,
          total: p.total,
          showSizeChanger: true,
          pageSizeOptions: PAGE_SIZES.map(String),
          showTotal,
          placement: ['bottomEnd'],
        }}
      />
    </div>
  );
}
