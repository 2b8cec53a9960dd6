import { Button, Card, Flex, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { HistoryOutlined, RollbackOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import type { ClassDetail, ClassLearnersBoard } from '@nang-tam/contracts';
import { boardsApi } from '../../api/learners';
import { useI18n } from '../../i18n';
import { useIsMobile } from '../../shared/hooks';
import { PageError } from '../../shared/PageState';
import { LearnerCell, percent } from '../learning/common';

type Learner = ClassLearnersBoard['learners'][number];

/**
 * "Triệu tập và học bổ sung": every learner's attendance so far, recalls and the make-up study they
 * still owe (the class board), with the recall form and the learner's course (where make-ups are
 * recorded) one click away.
 */
export function RecallsPanel({
  cls,
  onRecall,
  onOpenLearner,
}: {
  cls: ClassDetail;
  onRecall: ((l: { enrolmentId: number; person: { fullName: string } }) => void) | null;
  onOpenLearner: (enrolmentId: number) => void;
}) {
  const { t, formatNumber } = useI18n();
  const isMobile = useIsMobile();
  const q = useQuery({ queryKey: ['classes', cls.id, 'board'], queryFn: () => boardsApi.classLearners(cls.id) });

  const actions = (l: Learner) => (
    <Space size={4} wrap>
      {onRecall && l.actions.includes('recall') && (
        <Button
          size="small"
          icon={<RollbackOutlined />}
          onClick={() => onRecall(l)}
          aria-label={t('recall.addOf', { name: l.person.fullName })}
        >
          {t('recall.short')}
        </Button>
      )}
      <Button
        size="small"
        type={l.makeUps.outstanding > 0 ? 'primary' : 'default'}
        icon={<HistoryOutlined />}
        onClick={() => onOpenLearner(l.enrolmentId)}
        aria-label={t('attendance.openLearnerOf', { name: l.person.fullName })}
      >
        {l.makeUps.outstanding > 0 ? t('makeup.record') : t('attendance.openLearner')}
      </Button>
    </Space>
  );
  const low = (l: Learner) =>
    l.attendance.rate !== null && q.data?.class.minAttendanceRate != null && l.attendance.rate < q.data.class.minAttendanceRate;

  const columns: TableColumnsType<Learner> = [
    { key: 'learner', title: t('attendance.learner'), render: (_, l) => <LearnerCell person={l.person} /> },
    {
      key: 'rate',
      title: t('learning.attendance'),
      width: 130,
      render: (_, l) => (
        <Flex vertical gap={0}>
          <strong className="nt-num" style={low(l) ? { color: '#dc2626' } : undefined}>
            {percent(l.attendance.rate, formatNumber)}
          </strong>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {formatNumber(l.attendance.attended)}/{formatNumber(l.attendance.held)}
            {l.attendance.unmarked > 0 ? ` · ${t('attendance.unmarkedN', { n: l.attendance.unmarked })}` : ''}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      key: 'recalls',
      title: t('myl.recalls'),
      width: 110,
      render: (_, l) =>
        l.recalls > 0 ? <Tag color="purple">{formatNumber(l.recalls)}</Tag> : <Typography.Text type="secondary">—</Typography.Text>,
    },
    {
      key: 'makeups',
      title: t('progress.makeUpsTitle'),
      width: 160,
      render: (_, l) =>
        l.makeUps.required === 0 ? (
          <Typography.Text type="secondary">—</Typography.Text>
        ) : l.makeUps.outstanding > 0 ? (
          <Tag color="orange">{t('attendance.makeUpsOf', { outstanding: l.makeUps.outstanding, required: l.makeUps.required })}</Tag>
        ) : (
          <Tag color="green">{t('attendance.makeUpsDone', { n: l.makeUps.required })}</Tag>
        ),
    },
    { key: 'actions', title: <span className="nt-visually-hidden">{t('common.actions')}</span>, width: 260, render: (_, l) => actions(l) },
  ];

  return (
    <Card size="small" title={t('attendance.recallsTitle')} data-testid="recalls-panel">
      {q.isError ? (
        <PageError error={q.error} onRetry={() => void q.refetch()} />
      ) : isMobile ? (
        <Flex vertical gap={8} role="list" aria-label={t('attendance.recallsTitle')}>
          {(q.data?.learners ?? []).map((l) => (
            <div key={l.enrolmentId} role="listitem" style={{ border: '1px solid #e5e7eb', borderRadius: 8, padding: 10 }}>
              <Flex justify="space-between" gap={8}>
                <LearnerCell person={l.person} />
                <strong className="nt-num">{percent(l.attendance.rate, formatNumber)}</strong>
              </Flex>
              <Flex gap={6} wrap style={{ margin: '6px 0' }}>
                {l.recalls > 0 && <Tag color="purple">{t('attendance.recallsN', { n: l.recalls })}</Tag>}
                {l.makeUps.outstanding > 0 && (
                  <Tag color="orange">
                    {t('attendance.makeUpsOf', { outstanding: l.makeUps.outstanding, required: l.makeUps.required })}
                  </Tag>
                )}
              </Flex>
              {actions(l)}
            </div>
          ))}
        </Flex>
      ) : (
        <Table<Learner>
          aria-label={t('attendance.recallsTitle')}
          rowKey="enrolmentId"
          size="small"
          columns={columns}
          dataSource={q.data?.learners ?? []}
          loading={q.isFetching}
          pagination={false}
          scroll={{ x: 800 }}
        />
      )}
    </Card>
  );
}
