/** The class page's "Hỗ trợ học viên" tab: the class's payment list (those who read payment lists). */
import { App, Empty } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { ClassDetail } from '@nang-tam/contracts';
import { isApiError } from '../../api/client';
import { supportApi } from '../../api/support';
import { useI18n } from '../../i18n';
import { PageError, PageLoading } from '../../shared/PageState';
import { SupportListView } from './SupportListView';

export function ClassSupportTab({ cls }: { cls: ClassDetail }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const key = ['support', 'class', cls.id];
  const q = useQuery({ queryKey: key, queryFn: ({ signal }) => supportApi.classList(cls.id, signal) });
  if (q.isPending) return <PageLoading />;
  // an agency with no learner in the class: the list is not theirs (404)
  if (q.isError && isApiError(q.error) && q.error.status === 404) return <Empty description={t('sup.noneOfYours')} />;
  if (q.isError) return <PageError error={q.error} onRetry={() => void q.refetch()} />;
  return (
    <SupportListView
      list={q.data}
      pay={async (row, body) => {
        const list = await supportApi.payClass(cls.id, { personId: row.person.id, ...body });
        qc.setQueryData(key, list);
        message.success(t('sup.paid.saved'));
      }}
      startExport={(format) => supportApi.exportList({ classId: cls.id, format })}
    />
  );
}
