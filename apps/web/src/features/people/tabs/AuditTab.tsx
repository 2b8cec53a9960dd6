import { useState } from 'react';
import { Card, Empty, Flex, Pagination, Skeleton, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { peopleApi } from '../../../api/endpoints';
import { useReference } from '../../../api/reference';
import { useI18n, type MessageKey } from '../../../i18n';
import { formatDateTime } from '../../../shared/format';
import { PageError } from '../../../shared/PageState';
import { auditSubject, auditVerb, diffSnapshots, type AuditSubject, type AuditVerb } from '../audit-diff';

const PAGE = 20;
const VERB_COLORS: Record<AuditVerb, string> = { create: 'green', update: 'blue', delete: 'red', import: 'purple', other: 'default' };
const VERB_KEYS: Record<AuditVerb, MessageKey> = {
  create: 'audit.verb.create',
  update: 'audit.verb.update',
  delete: 'audit.verb.delete',
  import: 'audit.verb.import',
  other: 'audit.verb.other',
};
const SUBJECT_KEYS: Record<AuditSubject, MessageKey> = {
  person: 'audit.subject.person',
  qualification: 'audit.subject.qualification',
  assignment: 'audit.subject.assignment',
  planning: 'audit.subject.planning',
  appraisal: 'audit.subject.appraisal',
  other: 'audit.subject.other',
};

/** Who changed what and when, newest first, with the changed fields side by side. */
export function AuditTab({ personId }: { personId: number }) {
  const { t, locale, formatNumber } = useI18n();
  const { data: ref } = useReference();
  const [page, setPage] = useState(1);
  const q = useQuery({
    queryKey: ['people', personId, 'audit', page],
    queryFn: () => peopleApi.audit(personId, PAGE, (page - 1) * PAGE),
  });

  if (q.isPending) return <Skeleton active paragraph={{ rows: 6 }} />;
  if (q.isError) return <PageError error={q.error} onRetry={() => void q.refetch()} />;
  if (q.data.items.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('audit.empty')} />;

  return (
    <Flex vertical gap={12}>
      <Typography.Text type="secondary">{t('audit.total', { n: formatNumber(q.data.total) })}</Typography.Text>
      {q.data.items.map((e) => {
        const verb = auditVerb(e.action, e.before, e.after);
        const rows = diffSnapshots(e.before, e.after, { t, locale, ref });
        return (
          <Card key={e.id} size="small">
            <Flex justify="space-between" wrap gap={8} style={{ marginBottom: rows.length ? 8 : 0 }}>
              <Flex gap={8} align="center" wrap>
                <Tag color={VERB_COLORS[verb]}>{t(VERB_KEYS[verb])}</Tag>
                <Typography.Text strong>{t(SUBJECT_KEYS[auditSubject(e.entity, e.action)])}</Typography.Text>
                <Typography.Text type="secondary">
                  {t('audit.by')} {e.actor}
                </Typography.Text>
              </Flex>
              <Typography.Text type="secondary" className="nt-num">
                {formatDateTime(e.at, locale)}
              </Typography.Text>
            </Flex>
            {rows.length > 0 && (
              <div style={{ overflowX: 'auto' }}>
                <table className="nt-diff">
                  <thead>
                    <tr>
                      <th scope="col">{t('audit.field')}</th>
                      {verb !== 'create' && <th scope="col">{t('audit.before')}</th>}
                      {verb !== 'delete' && <th scope="col">{t('audit.after')}</th>}
                    </tr>
                  </thead>
                  <tbody>
                    {rows.map((r) => (
                      <tr key={r.field}>
                        <th scope="row">{r.label}</th>
                        {verb !== 'create' && <td className={r.before ? 'before' : undefined}>{r.before ?? '—'}</td>}
                        {verb !== 'delete' && <td className={r.after ? 'after' : undefined}>{r.after ?? '—'}</td>}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </Card>
        );
      })}
      {q.data.total > PAGE && (
        <Pagination
          align="center"
          current={page}
          pageSize={PAGE}
          total={q.data.total}
          showSizeChanger={false}
          onChange={setPage}
        />
      )}
    </Flex>
  );
}
