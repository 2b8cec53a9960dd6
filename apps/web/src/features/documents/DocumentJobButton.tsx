/**
 * A document of a large class made by a background job (the class's certificates as one PDF, the
 * lists of a class of hundreds): starts the job, shows its progress, downloads the file when done.
 */
import { useEffect, useRef, useState } from 'react';
import { Alert, App, Button, Flex, Modal } from 'antd';
import { DownloadOutlined, FilePdfOutlined, FileWordOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import type { DocumentFormat, Job } from '@nang-tam/contracts';
import { downloadUrl } from '../../api/client';
import { jobsApi } from '../../api/endpoints';
import { useI18n } from '../../i18n';
import { errorMessage } from '../../shared/errors';
import { JobProgress } from '../jobs/JobProgress';
import { useJob } from '../jobs/useJob';

export function DocumentJobButton({ title, format, start }: { title: string; format: DocumentFormat; start: () => Promise<Job> }) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [jobId, setJobId] = useState<number | null>(null);
  const [firstJob, setFirstJob] = useState<Job | undefined>();
  const downloaded = useRef<number | null>(null);
  const mutation = useMutation({
    mutationFn: start,
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
      message.success(t('docs.jobDone'));
    }
  }, [job, message, t]);

  const resultMessage = typeof job?.result?.message === 'string' ? job.result.message : null;
  return (
    <>
      <Button
        size="small"
        icon={format === 'docx' ? <FileWordOutlined /> : <FilePdfOutlined />}
        aria-label={`${title} (${format.toUpperCase()})`}
        onClick={() => {
          setJobId(null);
          setFirstJob(undefined);
          setOpen(true);
          mutation.mutate();
        }}
      >
        {format.toUpperCase()}
      </Button>
      <Modal
        open={open}
        title={title}
        onCancel={() => setOpen(false)}
        footer={
          <Flex gap={8} justify="flex-end">
            {job?.status === 'succeeded' && (
              <Button type="primary" icon={<DownloadOutlined />} href={jobsApi.fileUrl(job.id)}>
                {t('docs.downloadAgain')}
              </Button>
            )}
            <Button onClick={() => setOpen(false)}>{t('action.close')}</Button>
          </Flex>
        }
      >
        <Flex vertical gap={12}>
          {mutation.isError ? (
            <Alert type="error" showIcon title={errorMessage(mutation.error, locale)} />
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
