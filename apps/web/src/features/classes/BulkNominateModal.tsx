import { useEffect, useRef, useState, type DragEvent } from 'react';
import { Alert, Button, Card, Flex, Modal, Statistic, Typography } from 'antd';
import { DeleteOutlined, DownloadOutlined, FileExcelOutlined, InboxOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { NOMINATIONS_BULK_COLUMN, type ClassDetail, type Job } from '@nang-tam/contracts';
import { isApiError } from '../../api/client';
import { nominationsApi } from '../../api/classes';
import { jobsApi } from '../../api/endpoints';
import { useI18n } from '../../i18n';
import { errorMessage, fieldErrorMessage } from '../../shared/errors';
import { JobProgress } from '../jobs/JobProgress';
import { isJobDone, useJob } from '../jobs/useJob';
import { useInvalidateNominations } from './NominationActions';

const MAX_BYTES = 20 * 1024 * 1024;

/**
 * "Cử theo danh sách Excel": an .xlsx with a "Số CCCD" column is nominated one person at a time in
 * a background job (progress shown); the result file lists each row's outcome.
 */
export function BulkNominateModal({ cls, onClose }: { cls: ClassDetail; onClose: () => void }) {
  const { t, locale, formatNumber } = useI18n();
  const inputRef = useRef<HTMLInputElement>(null);
  const invalidate = useInvalidateNominations();
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [dragging, setDragging] = useState(false);
  const [jobId, setJobId] = useState<number | null>(null);
  const [firstJob, setFirstJob] = useState<Job | undefined>();

  const upload = useMutation({
    mutationFn: (f: File) => nominationsApi.bulkFile(cls.id, f),
    onSuccess: (job) => {
      setFirstJob(job);
      setJobId(job.id);
    },
  });
  const { data: job, error: pollError } = useJob(jobId, firstJob);
  const done = isJobDone(job);
  useEffect(() => {
    if (job?.status === 'succeeded') invalidate(cls.id);
    // once, when it has finished
  }, [job?.status]);

  const choose = (f: File | undefined | null) => {
    upload.reset();
    if (!f) return;
    if (!/\.xlsx$/i.test(f.name)) {
      setFile(null);
      setFileError(t('import.notXlsx'));
      return;
    }
    if (f.size > MAX_BYTES) {
      setFile(null);
      setFileError(t('import.tooLarge'));
      return;
    }
    setFileError(null);
    setFile(f);
  };
  const onDrop = (e: DragEvent<HTMLLabelElement>) => {
    e.preventDefault();
    setDragging(false);
    choose(e.dataTransfer.files[0]);
  };
  const reset = () => {
    setFile(null);
    setFileError(null);
    setJobId(null);
    setFirstJob(undefined);
    upload.reset();
    if (inputRef.current) inputRef.current.value = '';
  };

  const r = job?.result ?? {};
  const num = (k: string) => (typeof r[k] === 'number' ? (r[k] as number) : 0);

  return (
    <Modal
      open
      title={t('bulk.title', { name: cls.name })}
      onCancel={onClose}
      width={640}
      destroyOnHidden
      footer={
        <Flex gap={8} justify="flex-end" wrap>
          {job?.status === 'succeeded' && (
            <Button type="primary" icon={<DownloadOutlined />} href={jobsApi.fileUrl(job.id)} download>
              {t('bulk.download')}
            </Button>
          )}
          {done && <Button onClick={reset}>{t('bulk.another')}</Button>}
          {jobId === null && (
            <Button type="primary" disabled={!file} loading={upload.isPending} onClick={() => file && upload.mutate(file)}>
              {t('bulk.start')}
            </Button>
          )}
          <Button onClick={onClose}>{t('action.close')}</Button>
        </Flex>
      }
    >
      {jobId === null ? (
        <Flex vertical gap={12}>
          <Typography.Text>{t('bulk.intro', { column: NOMINATIONS_BULK_COLUMN })}</Typography.Text>
          <label
            className={`nt-dropzone${dragging ? ' is-dragging' : ''}`}
            onDragOver={(e) => {
              e.preventDefault();
              setDragging(true);
            }}
            onDragLeave={() => setDragging(false)}
            onDrop={onDrop}
          >
            <input
              ref={inputRef}
              type="file"
              className="nt-visually-hidden"
              accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              data-testid="bulk-file-input"
              aria-label={t('import.chooseFile')}
              onChange={(e) => choose(e.target.files?.[0])}
            />
            <InboxOutlined style={{ fontSize: 36, color: '#14508f' }} />
            <Typography.Text strong>{t('import.dropHere')}</Typography.Text>
            <Typography.Text type="secondary">{t('bulk.fileHint')}</Typography.Text>
          </label>
          {fileError && <Alert type="error" showIcon role="alert" title={fileError} />}
          {file && (
            <Card size="small">
              <Flex align="center" gap={12}>
                <FileExcelOutlined style={{ fontSize: 26, color: '#1d6f42' }} />
                <Typography.Text strong ellipsis style={{ flex: 1, minWidth: 0 }}>
                  {file.name}
                </Typography.Text>
                <Button type="text" icon={<DeleteOutlined />} aria-label={t('import.removeFile')} title={t('import.removeFile')} onClick={reset} />
              </Flex>
            </Card>
          )}
          {upload.isError && (
            <Alert
              type="error"
              showIcon
              role="alert"
              title={errorMessage(upload.error, locale)}
              description={
                isApiError(upload.error) && upload.error.details.length > 0
                  ? upload.error.details.map((d) => fieldErrorMessage(d, locale)).join(' ')
                  : undefined
              }
            />
          )}
        </Flex>
      ) : (
        <Flex vertical gap={16}>
          {file && (
            <Typography.Text>{done ? t('bulk.fileName', { file: file.name }) : t('bulk.running', { file: file.name })}</Typography.Text>
          )}
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
          {job?.status === 'succeeded' && (
            <>
              <Flex gap={24} wrap data-testid="bulk-result">
                <Statistic title={t('bulk.rows')} value={formatNumber(num('rows'))} />
                <Statistic title={t('bulk.nominated')} value={formatNumber(num('nominated'))} styles={{ content: { color: '#16a34a' } }} />
                <Statistic
                  title={t('bulk.waitlisted')}
                  value={formatNumber(num('waitlisted'))}
                  styles={{ content: { color: '#d97706' } }}
                />
                <Statistic title={t('bulk.refused')} value={formatNumber(num('refused'))} styles={{ content: { color: '#dc2626' } }} />
              </Flex>
              <Alert
                type={num('refused') > 0 ? 'warning' : 'success'}
                showIcon
                title={num('refused') > 0 ? t('bulk.someRefused') : t('bulk.allDone')}
              />
            </>
          )}
        </Flex>
      )}
    </Modal>
  );
}
