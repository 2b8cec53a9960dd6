import { lazy, Suspense, type ReactNode } from 'react';
import { Alert, Button, Flex, Modal, Typography } from 'antd';
import { DownloadOutlined, FileExcelOutlined } from '@ant-design/icons';
import type { Job } from '@nang-tam/contracts';
import { jobsApi } from '../../api/endpoints';
import { useI18n } from '../../i18n';
import { errorMessage } from '../../shared/errors';
import { useDownloadJob } from './useJob';

// the progress bar (antd's Progress) is loaded with the dialog, not with every list that has the
// button (the registry's first visit, docs/decisions/0067)
const JobProgress = lazy(() => import('./JobProgress').then((m) => ({ default: m.JobProgress })));

/**
 * "Xuất Excel": starts an export job (of a list's current filters), shows its progress, downloads
 * the file. `total` is how many rows the list shows (the button is disabled at 0).
 */
export function ExportButton({
  start: startJob,
  total,
  label,
  icon,
}: {
  start: () => Promise<Job>;
  total: number | undefined;
  /** Default "Xuất Excel" with the Excel icon (a PDF export names itself). */
  label?: string;
  icon?: ReactNode;
}) {
  const { t, locale, formatNumber } = useI18n();
  const { open, begin, close, job, pollError, startError, resultMessage } = useDownloadJob(startJob, t('export.done'));
  const failed = job?.status === 'failed';

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
          {startError ? (
            <Alert type="error" showIcon title={errorMessage(startError, locale)} />
          ) : (
            <Suspense fallback={null}>
              <JobProgress job={job} label={t('export.progress')} />
            </Suspense>
          )}
          {pollError && <Alert type="error" showIcon title={errorMessage(pollError, locale)} />}
          {failed && <Alert type="error" showIcon title={t('export.failed')} description={resultMessage ?? undefined} />}
          {job?.status === 'succeeded' && <Alert type="success" showIcon title={t('export.ready', { file: job.fileName ?? '' })} />}
        </Flex>
      </Modal>
    </>
  );
}
