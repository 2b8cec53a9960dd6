import { Flex, Progress, Typography } from 'antd';
import type { Job, JobStage } from '@nang-tam/contracts';
import { useI18n, type MessageKey } from '../../i18n';
import { jobPercent } from './useJob';

const STAGE_KEYS: Record<JobStage, MessageKey> = {
  reading: 'jobs.stage.reading',
  validating: 'jobs.stage.validating',
  inserting: 'jobs.stage.inserting',
  evaluating: 'jobs.stage.evaluating',
  writing: 'jobs.stage.writing',
};

const STATUS_KEYS: Record<Job['status'], MessageKey> = {
  queued: 'jobs.queued',
  running: 'jobs.running',
  succeeded: 'jobs.succeeded',
  failed: 'jobs.failed',
};

/** A job's progress bar with "n / total rows" under it. */
export function JobProgress({ job, label }: { job: Job | undefined; label: string }) {
  const { t, formatNumber } = useI18n();
  const percent = jobPercent(job);
  const status = job?.status ?? 'queued';
  return (
    <Flex vertical gap={4} data-testid="job-progress" data-status={status} aria-live="polite">
      <Progress
        percent={percent ?? (status === 'queued' ? 0 : 5)}
        status={status === 'failed' ? 'exception' : status === 'succeeded' ? 'success' : 'active'}
        aria-label={label}
        showInfo={percent !== null}
      />
      <Typography.Text type="secondary">
        {status === 'running' && job?.stage ? t(STAGE_KEYS[job.stage]) : t(STATUS_KEYS[status])}
        {job && job.total > 0 && ` · ${t('jobs.rows', { done: formatNumber(job.progress), total: formatNumber(job.total) })}`}
      </Typography.Text>
    </Flex>
  );
}
