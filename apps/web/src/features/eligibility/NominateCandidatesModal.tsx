/**
 * "Cử đi học (n)" from the ranked candidate list: the people picked go, in rank order, into an open
 * class of the programme the user may nominate to (classes whose `actions` offer `nominate`), as
 * the bulk nomination job. The job's progress, then each person's outcome (nominated, waitlisted,
 * refused with the reason the server gave) are shown; the result file lists the same.
 */
import { useEffect, useState } from 'react';
import { Alert, Button, Flex, Form, List, Modal, Select, Statistic, Tag, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import type { Job } from '@nang-tam/contracts';
import { classesApi, nominationsApi } from '../../api/classes';
import { jobsApi } from '../../api/endpoints';
import { useI18n, type MessageKey } from '../../i18n';
import { errorMessage } from '../../shared/errors';
import { formatDate } from '../../shared/format';
import { JobProgress } from '../jobs/JobProgress';
import { isJobDone, useJob } from '../jobs/useJob';

interface ResultPerson {
  personId: number | null;
  name: string | null;
  outcome: 'nominated' | 'waitlisted' | 'refused';
  waitlistPosition: number | null;
  reason: string | null;
}

const OUTCOME_COLOR = { nominated: 'green', waitlisted: 'gold', refused: 'red' } as const;

export function NominateCandidatesModal({
  programme,
  personIds,
  onClose,
  onStarted,
}: {
  programme: string;
  /** In rank order: places go to the first ones. */
  personIds: number[];
  onClose: () => void;
  onStarted: () => void;
}) {
  const { t, locale, formatNumber } = useI18n();
  const [classId, setClassId] = useState<number | null>(null);
  const [jobId, setJobId] = useState<number | null>(null);
  const [firstJob, setFirstJob] = useState<Job | undefined>();
  const classes = useQuery({
    queryKey: ['classes', 'list', { programme, status: 'open', nominate: true }],
    queryFn: ({ signal }) => classesApi.list({ programme, status: 'open', limit: 200, offset: 0 }, signal),
  });
  const open = (classes.data?.items ?? []).filter((c) => c.actions.includes('nominate'));
  useEffect(() => {
    if (classId === null && open.length === 1) setClassId(open[0]!.id);
  }, [open.length]); // eslint-disable-line react-hooks/exhaustive-deps
  const chosen = open.find((c) => c.id === classId);

  const start = useMutation({
    mutationFn: () => nominationsApi.bulkPeople(classId!, personIds),
    onSuccess: (job) => {
      setFirstJob(job);
      setJobId(job.id);
      onStarted();
    },
  });
  const { data: job, error: pollError } = useJob(jobId, firstJob);
  const done = isJobDone(job);
  const r = job?.result ?? {};
  const num = (k: string) => (typeof r[k] === 'number' ? (r[k] as number) : 0);
  const people = Array.isArray(r.people) ? (r.people as ResultPerson[]) : [];

  return (
    <Modal
      open
      title={t('candNom.title', { n: formatNumber(personIds.length) })}
      onCancel={onClose}
      width={680}
      destroyOnHidden
      footer={
        <Flex gap={8} justify="flex-end" wrap>
          {job?.status === 'succeeded' && (
            <Button icon={<DownloadOutlined />} href={jobsApi.fileUrl(job.id)} download>
              {t('bulk.download')}
            </Button>
          )}
          {job?.status === 'succeeded' && chosen && (
            <Link to={`/classes/${chosen.id}?tab=nominations`}>
              <Button type="primary">{chosen.name}</Button>
            </Link>
          )}
          {jobId === null && (
            <Button type="primary" disabled={classId === null} loading={start.isPending} onClick={() => start.mutate()}>
              {t('candNom.submit')}
            </Button>
          )}
          <Button onClick={onClose}>{t('action.close')}</Button>
        </Flex>
      }
    >
      {jobId === null ? (
        <Form layout="vertical" name="nominate-candidates">
          {classes.isError && <Alert type="error" showIcon role="alert" title={errorMessage(classes.error, locale)} />}
          {classes.isSuccess && open.length === 0 ? (
            <Alert type="info" showIcon title={t('candNom.noClass')} />
          ) : (
            <Form.Item label={t('candNom.class')} htmlFor="cand-nominate-class" extra={t('candNom.classHint')}>
              <Select
                id="cand-nominate-class"
                value={classId ?? undefined}
                onChange={(v: number) => setClassId(v)}
                loading={classes.isPending}
                options={open.map((c) => ({
                  value: c.id,
                  label: t('candNom.classOption', {
                    name: c.name,
                    cohort: c.cohortCode,
                    start: formatDate(c.startDate),
                    free: formatNumber(c.freePlaces),
                    capacity: formatNumber(c.capacity),
                    waitlisted: formatNumber(c.waitlisted),
                  }),
                }))}
              />
            </Form.Item>
          )}
          {chosen && chosen.freePlaces < personIds.length && (
            <Alert type="warning" showIcon title={t('candNom.full', { free: formatNumber(chosen.freePlaces) })} />
          )}
          {start.isError && (
            <Alert type="error" showIcon role="alert" style={{ marginTop: 12 }} title={errorMessage(start.error, locale)} />
          )}
        </Form>
      ) : (
        <Flex vertical gap={16}>
          <JobProgress job={job} label={t('bulk.progress')} />
          {pollError && <Alert type="error" showIcon title={errorMessage(pollError, locale)} />}
          {job?.status === 'failed' && (
            <Alert
              type="error"
              showIcon
              role="alert"
              title={t('bulk.failed')}
              description={typeof r.message === 'string' ? r.message : undefined}
            />
          )}
          {done && job?.status === 'succeeded' && (
            <>
              <Flex gap={24} wrap data-testid="candidates-nominate-result">
                <Statistic title={t('bulk.nominated')} value={formatNumber(num('nominated'))} styles={{ content: { color: '#16a34a' } }} />
                <Statistic
                  title={t('bulk.waitlisted')}
                  value={formatNumber(num('waitlisted'))}
                  styles={{ content: { color: '#d97706' } }}
                />
                <Statistic title={t('bulk.refused')} value={formatNumber(num('refused'))} styles={{ content: { color: '#dc2626' } }} />
              </Flex>
              <List
                size="small"
                aria-label={t('nomBulk.resultLabel')}
                dataSource={people}
                style={{ maxHeight: 320, overflowY: 'auto' }}
                renderItem={(p, i) => (
                  <List.Item>
                    <Flex vertical gap={2}>
                      <span>
                        <strong>{p.name ?? `#${formatNumber(i + 1)}`}</strong>{' '}
                        <Tag color={OUTCOME_COLOR[p.outcome]}>{t(`bulk.${p.outcome}` as MessageKey)}</Tag>
                      </span>
                      {p.reason && <Typography.Text type="secondary">{p.reason}</Typography.Text>}
                    </Flex>
                  </List.Item>
                )}
              />
            </>
          )}
        </Flex>
      )}
    </Modal>
  );
}
