/**
 * "Nhận xét sau đào tạo" (the agency's officers): the feedback its subtree owes on its graduates at 6
 * and 12 months after graduation (due, overdue, not yet due, submitted), and the short form: applies
 * what was learned, a rating 1–5, a comment. Submitted once per milestone, from its due date.
 */
import { useState } from 'react';
import { Alert, Button, Card, Flex, Input, Modal, Radio, Segmented, Tag, Typography, type TableColumnsType } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { FEEDBACK_APPLIES, FEEDBACK_APPLIES_LABELS, FEEDBACK_RATING_LABELS, FEEDBACK_STATUS_LABELS, type FeedbackItem } from '@nang-tam/contracts';
import { feedbackApi } from '../../api/feedback';
import { useI18n } from '../../i18n';
import { errorMessage } from '../../shared/errors';
import { formatDate } from '../../shared/format';
import { usePageTitle } from '../../shared/hooks';
import { PagedTable } from '../../shared/PagedTable';

type Status = 'owed' | 'overdue' | 'upcoming' | 'submitted';
const PAGE = 20;
const COLORS: Record<FeedbackItem['status'], string> = { upcoming: 'default', due: 'blue', overdue: 'red', submitted: 'green' };

function FormModal({ item, onClose }: { item: FeedbackItem; onClose: () => void }) {
  const { t, locale } = useI18n();
  const qc = useQueryClient();
  const [applies, setApplies] = useState<(typeof FEEDBACK_APPLIES)[number]>();
  const [rating, setRating] = useState<number>();
  const [comment, setComment] = useState('');
  const save = useMutation({
    mutationFn: () => feedbackApi.submitFeedback({ enrolmentId: item.enrolmentId, milestone: item.milestone as 6 | 12, applies: applies!, rating: rating!, ...(comment.trim() ? { comment: comment.trim() } : {}) }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['feedback'] });
      onClose();
    },
  });
  return (
    <Modal
      open
      title={t('fb.formTitle', { n: item.milestone, name: item.person.fullName })}
      onCancel={onClose}
      okText={t('fb.submit')}
      okButtonProps={{ disabled: !applies || !rating, loading: save.isPending }}
      onOk={() => save.mutate()}
    >
      <Flex vertical gap={12}>
        <Typography.Text type="secondary">
          {item.class.name} · {t('fb.graduatedOn', { d: formatDate(item.graduatedOn) })}
        </Typography.Text>
        <fieldset style={{ border: 0, padding: 0, margin: 0 }}>
          <legend>{t('fb.applies')}</legend>
          <Radio.Group value={applies} onChange={(e) => setApplies(e.target.value)} options={FEEDBACK_APPLIES.map((a) => ({ value: a, label: FEEDBACK_APPLIES_LABELS[a][locale] }))} />
        </fieldset>
        <fieldset style={{ border: 0, padding: 0, margin: 0 }}>
          <legend>{t('fb.rating')}</legend>
          <Radio.Group
            value={rating}
            onChange={(e) => setRating(e.target.value as number)}
            optionType="button"
            options={[1, 2, 3, 4, 5].map((v) => ({ value: v, label: `${v} · ${FEEDBACK_RATING_LABELS[v - 1]}` }))}
          />
        </fieldset>
        <label htmlFor="fb-fcomment">{t('fb.feedbackComment')}</label>
        <Input.TextArea id="fb-fcomment" rows={3} maxLength={2000} value={comment} onChange={(e) => setComment(e.target.value)} />
        {save.isError && <Alert type="error" showIcon title={errorMessage(save.error, locale)} />}
      </Flex>
    </Modal>
  );
}

export default function AgencyFeedbackPage() {
  const { t, locale } = useI18n();
  usePageTitle(t('fb.agencyTitle'));
  const [status, setStatus] = useState<Status>('owed');
  const [page, setPage] = useState(1);
  const [open, setOpen] = useState<FeedbackItem | null>(null);
  const params = { status, limit: PAGE, offset: (page - 1) * PAGE };
  const list = useQuery({ queryKey: ['feedback', 'list', params], queryFn: ({ signal }) => feedbackApi.feedback(params, signal) });
  const columns: TableColumnsType<FeedbackItem> = [
    {
      key: 'person',
      title: t('fb.person'),
      render: (_, i) => (
        <Flex vertical>
          <strong>{i.person.fullName}</strong>
          <Typography.Text type="secondary">{i.person.unit.name}</Typography.Text>
        </Flex>
      ),
    },
    { key: 'class', title: t('fb.class'), render: (_, i) => i.class.name },
    { key: 'milestone', title: t('fb.milestone'), render: (_, i) => t('fb.afterMonths', { n: i.milestone }) },
    { key: 'due', title: t('fb.dueOn'), render: (_, i) => <span className="nt-num">{formatDate(i.dueOn)}</span> },
    { key: 'status', title: t('fb.stateTitle'), render: (_, i) => <Tag color={COLORS[i.status]}>{FEEDBACK_STATUS_LABELS[i.status][locale]}</Tag> },
    {
      key: 'act',
      title: '',
      render: (_, i) =>
        i.actions.includes('submit') ? (
          <Button type="primary" size="small" onClick={() => setOpen(i)} aria-label={t('fb.writeFor', { name: i.person.fullName, n: i.milestone })}>
            {t('fb.write')}
          </Button>
        ) : i.form ? (
          <Typography.Text>
            {FEEDBACK_APPLIES_LABELS[i.form.applies][locale]} · {i.form.rating}/5
          </Typography.Text>
        ) : null,
    },
  ];
  return (
    <Flex vertical gap={12}>
      <Typography.Title level={1} className="nt-h1" style={{ margin: 0 }}>
        {t('fb.agencyTitle')}
      </Typography.Title>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t('fb.agencyIntro', { d: list.data?.overdueAfterDays ?? 30 })}
      </Typography.Paragraph>
      <Card>
        <Segmented<Status>
          style={{ marginBottom: 12 }}
          value={status}
          onChange={(v) => {
            setStatus(v);
            setPage(1);
          }}
          options={[
            { value: 'owed', label: t('fb.tabOwed') },
            { value: 'overdue', label: FEEDBACK_STATUS_LABELS.overdue[locale] },
            { value: 'upcoming', label: FEEDBACK_STATUS_LABELS.upcoming[locale] },
            { value: 'submitted', label: FEEDBACK_STATUS_LABELS.submitted[locale] },
          ]}
        />
        <PagedTable<FeedbackItem>
          query={list}
          page={page}
          onPage={setPage}
          pageSize={PAGE}
          empty={t('fb.noFeedback')}
          rowKey={(i) => `${i.enrolmentId}-${i.milestone}`}
          columns={columns}
        />
      </Card>
      {open && <FormModal item={open} onClose={() => setOpen(null)} />}
    </Flex>
  );
}
