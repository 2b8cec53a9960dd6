import { useEffect, useRef, useState, type ReactNode } from 'react';
import { Alert, App, Button, Flex, Modal, Typography } from 'antd';
import { DownloadOutlined, FileExcelOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import type { Job } from '@nang-tam/contracts';
import { downloadUrl } from '../../api/client';
import { jobsApi } from '../../api/endpoints';
import { useI18n } from '../../i18n';
import { errorMessage } from '../../shared/errors';
import { JobProgress } from './JobProgress';
import { useJob } from './useJob';

/**
 * "Xuất Excel": starts an export job (of a list's current filters), shows its progress, downloads
 * the file. `total` is how many rows the list shows (the button is disabled at 0).
 */
export function ExportButton({ start: startJob, total, label, icon }: { start: () => Promise<Job>; total: number | undefined; label?: string; icon?: ReactNode }) {
  const { t, locale, formatNumber } = useI18n();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [jobId, setJobId] = useState<number | null>(null);
  const [firstJob, setFirstJob] = useState<Job | undefined>();
  const downloaded = useRef<number | null>(null);

  const start = useMutation({
    mutationFn: startJob,
    onSuccess: (job) => {
      setFirstJob(job);
      setJobId(job.id);
    },
  });
  const { data: job, error: pollError } = useJob(jobId, firstJob);

  useEffect(() => {
    if (job?.status === 'succeeded' && downloaded.current !== job.id) {
      downloaded.current = job.id;
      downloadUrl(jobsApi.fileUrl(job.id), job.fileName ?? undefined);
      message.success(t('export.done'));
    }
  }, [job, message, t]);

  const begin = () => {
    setJobId(null);
    setFirstJob(undefined);
    setOpen(true);
    start.mutate();
  };
  const close = () => {
    setOpen(false);
    start.reset();
  };

  const failed = job?.status === 'failed';
  const resultMessage = typeof job?.result?.message === 'string' ? job.result.message : null;

  return (
    <>
      <Button icon={icon ?? <FileExcelOutlined />} onClick={begin} disabled={total === 0}>
        {label ?? t('export.button')}
      </Button>
      <Modal
        open={open}
        title={t('export.title')}
        onCancel={close}
        footer={
          <Flex gap={8} justify="flex-end">
            {job?.status === 'succeeded' && (
              <Button type="primary" icon={<DownloadOutlined />} href={jobsApi.fileUrl(job.id)}>
                {t('export.downloadAgain')}
              </Button>
            )}
            <Button onClick={close}>{t('action.close')}</Button>
          </Flex>
        }
      >
        <Flex vertical gap={12}>
          {total !== undefined && (
            <Typography.Text>{t('export.scope', { n: formatNumber(total) })}</Typography.Text>
          )}
          {start.isError ? (
            <Alert type="error" showIcon title={errorMessage(start.error, locale)} />
          ) : (
            <JobProgress job={job} label={t('export.progress')} />
          )}
          {pollError && <Alert type="error" showIcon title={errorMessage(pollError, locale)} />}
          {failed && <Alert type="error" showIcon title={t('export.failed')} description={resultMessage ?? undefined} />}
          {job?.status === 'succeeded' && <Alert type="success" showIcon title={t('export.ready', { file: job.fileName ?? '' })} />}
        </Flex>
      </Modal>
    </>
  );
}
