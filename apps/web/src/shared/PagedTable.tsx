import type { UseQueryResult } from '@tanstack/react-query';
import { Empty, Table, type TableProps } from 'antd';
import { PageError } from './PageState';

type PagedTableProps<T> = Omit<TableProps<T>, 'dataSource' | 'loading' | 'pagination' | 'scroll' | 'locale' | 'size'> & {
  /** The page's query: `items` of the current page and the `total` the server counted. */
  query: UseQueryResult<{ items: T[]; total: number }>;
  page: number;
  onPage: (page: number) => void;
  pageSize: number;
  /** What an empty list says. */
  empty?: string;
  /** The width below which the table scrolls sideways. */
  width?: number;
};

/**
 * A list paged by the server: the query's error with a retry button, otherwise its page of rows,
 * paging from the server's total and the list's own "nothing here" text.
 */
export function PagedTable<T extends object>({ query, page, onPage, pageSize, empty, width = 900, ...table }: PagedTableProps<T>) {
  if (query.isError) return <PageError error={query.error} onRetry={() => void query.refetch()} />;
  return (
    <Table<T>
      size="small"
      loading={query.isPending}
      dataSource={query.data?.items ?? []}
      scroll={{ x: width }}
      pagination={{ current: page, pageSize, total: query.data?.total ?? 0, onChange: onPage, showSizeChanger: false }}
      locale={empty ? { emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={empty} /> } : undefined}
      {...table}
    />
  );
}
