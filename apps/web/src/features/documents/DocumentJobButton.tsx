/**
 * A document of a large class made by a background job (the class's certificates as one PDF, the
 * lists of a class of hundreds): starts the job, shows its progress, downloads the file when done.
 */
import { Alert, Button, Flex, Modal } from 'antd';
import { DownloadOutlined, FilePdfOutlined, FileWordOutlined } from '@ant-design/icons';
import type { DocumentFormat, Job } from '@nang-tam/contracts';
import { jobsApi } from '../../api/endpoints';
import { useI18n } from '../../i18n';
import { errorMessage } from '../../shared/errors';
import { JobProgress } from '../jobs/JobProgress';
import { useDownloadJob } from '../jobs/useJob';

export function DocumentJobButton({ title, format, start }: { title: string; format: DocumentFormat; start: () => Promise<Job> }) {
  const { t, locale } = useI18n();
  const { open, begin, close, job, pollError, startError, resultMessage } = useDownloadJob(start, t('docs.jobDone'));
  return (
    <>
      <Button
        size="small"
        icon={format === 'docx' ? <FileWordOutlined /> : <FilePdfOutlined />}
        aria-label={`${title} (${format.toUpperCase()})`}
        onClick={begin}
      >
        {format.toUpperCase()}
      </Button>
      <Modal
        open={open}
        title={title}
        onCancel={close}
        footer={
          <Flex gap={8} justify="flex-end">
            {job?.status === 'succeeded' && (
              <Button type="primary" icon={<DownloadOutlined />} href={jobsApi.fileUrl(job.id)}>
                {t('docs.downloadAgain')}
              </Button>
            )}
            <Button onClick={close}>{t('action.close')}</Button>
          </Flex>
        }
      >
        <Flex vertical gap={12}>
          {startError ? (
            <Alert type="error" showIcon title={errorMessage(startError, locale)} />
          ) : (
            <JobProgress job={job} label={t('docs.jobProgress')} />
          )}
          {pollError && <Alert type="error" showIcon title={errorMessage(pollError, locale)} />}
          {job?.status === 'failed' && <Alert type="error" showIcon title={t('docs.jobFailed')} description={resultMessage ?? undefined} />}
        </Flex>
      </Modal>
    </>
  );
}
