import { useEffect, useRef, useState, type DragEvent } from 'react';
import { Alert, Button, Card, Flex, Result, Steps, Table, Typography } from 'antd';
import {
  CloudUploadOutlined,
  DeleteOutlined,
  DownloadOutlined,
  FileExcelOutlined,
  InboxOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router-dom';
import type { Job } from '@nang-tam/contracts';
import { isApiError } from '../../api/client';
import { importsApi, jobsApi } from '../../api/endpoints';
import { useI18n } from '../../i18n';
import { errorMessage, fieldErrorMessage } from '../../shared/errors';
import { useIsMobile, usePageTitle } from '../../shared/hooks';
import { JobProgress } from '../jobs/JobProgress';
import { isJobDone, useJob } from '../jobs/useJob';

const MAX_BYTES = 20 * 1024 * 1024;

interface ImportError {
  row: number | string;
  column: string;
  message: string;
}

function readErrors(job: Job | undefined): { count: number; errors: ImportError[]; message: string | null } {
  const r = job?.result ?? {};
  const list = Array.isArray(r.errors) ? (r.errors as unknown[]) : [];
  const errors = list
    .filter((e): e is Record<string, unknown> => typeof e === 'object' && e !== null)
    .map((e) => ({ row: (e.row as number | string) ?? '', column: String(e.column ?? ''), message: String(e.message ?? '') }));
  const count = typeof r.errorCount === 'number' ? r.errorCount : errors.length;
  return { count, errors, message: typeof r.message === 'string' ? r.message : null };
}

function formatSize(bytes: number, fmt: (n: number) => string): string {
  if (bytes < 1024 * 1024) return `${fmt(Math.max(1, Math.round(bytes / 1024)))} KB`;
  return `${fmt(Math.round((bytes / (1024 * 1024)) * 10) / 10)} MB`;
}

/** "Nhập từ Excel": template → upload → progress → result (all rows or nothing). */
export default function ImportPage() {
  const { t, locale, formatNumber } = useI18n();
  usePageTitle(t('import.title'));
  const isMobile = useIsMobile();
  const qc = useQueryClient();
  const inputRef = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [dragging, setDragging] = useState(false);
  // The running job lives in the URL (?job=12): a reload or a shared link shows its progress again.
  const [sp, setSp] = useSearchParams();
  const jobParam = Number(sp.get('job'));
  const jobId = Number.isInteger(jobParam) && jobParam > 0 ? jobParam : null;
  const [firstJob, setFirstJob] = useState<Job | undefined>();

  const upload = useMutation({
    mutationFn: (f: File) => importsApi.uploadPeople(f),
    onSuccess: (job) => {
      setFirstJob(job);
      setSp({ job: String(job.id) });
    },
  });
  const { data: polled, error: pollError } = useJob(jobId, firstJob);
  // Only import jobs belong here (a link with an export's id shows nothing of it).
  const job = polled?.kind === 'people_import' ? polled : undefined;
  const wrongKind = polled !== undefined && job === undefined;
  const done = isJobDone(job);

  useEffect(() => {
    if (job?.status === 'succeeded') {
      void qc.invalidateQueries({ queryKey: ['people'] });
      void qc.invalidateQueries({ queryKey: ['units'] });
    }
  }, [job?.status, qc]);

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

  const reset = () => {
    setFile(null);
    setFileError(null);
    setSp({});
    setFirstJob(undefined);
    upload.reset();
    if (inputRef.current) inputRef.current.value = '';
  };

  const onDrop = (e: DragEvent<HTMLLabelElement>) => {
    e.preventDefault();
    setDragging(false);
    choose(e.dataTransfer.files[0]);
  };

  const step = jobId === null ? 0 : done ? 2 : 1;
  const { count, errors, message: failMessage } = readErrors(job);
  const imported = typeof job?.result?.imported === 'number' ? job.result.imported : null;

  return (
    <>
      <div className="nt-page-head">
        <div>
          <Typography.Title level={1} className={isMobile ? "nt-h1" : "nt-h1 nt-h1-lg"}>{t('import.title')}</Typography.Title>
          <Typography.Text type="secondary">{t('import.subtitle')}</Typography.Text>
        </div>
      </div>
      <Card>
        <Steps
          current={step}
          size="small"
          responsive
          style={{ marginBottom: 24 }}
          items={[{ title: t('import.step1') }, { title: t('import.step2') }, { title: t('import.step3') }]}
        />

        {step === 0 && (
          <Flex vertical gap={16} style={{ maxWidth: 760 }}>
            <Alert
              type="info"
              showIcon
              title={t('import.rulesTitle')}
              description={
                <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                  <li>{t('import.rule1')}</li>
                  <li>{t('import.rule2')}</li>
                  <li>{t('import.rule3')}</li>
                </ul>
              }
            />
            <div>
              <Button icon={<DownloadOutlined />} href={importsApi.templateUrl()} download>
                {t('import.downloadTemplate')}
              </Button>
            </div>

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
                data-testid="import-file-input"
                aria-label={t('import.chooseFile')}
                onChange={(e) => choose(e.target.files?.[0])}
              />
              <InboxOutlined style={{ fontSize: 40, color: '#14508f' }} />
              <Typography.Text strong>{t('import.dropHere')}</Typography.Text>
              <Typography.Text type="secondary">{t('import.fileHint')}</Typography.Text>
            </label>

            {fileError && <Alert type="error" showIcon title={fileError} role="alert" />}
            {file && (
              <Card size="small">
                <Flex align="center" gap={12}>
                  <FileExcelOutlined style={{ fontSize: 28, color: '#1d6f42' }} />
                  <Flex vertical style={{ flex: 1, minWidth: 0 }}>
                    <Typography.Text strong ellipsis>
                      {file.name}
                    </Typography.Text>
                    <Typography.Text type="secondary">{formatSize(file.size, formatNumber)}</Typography.Text>
                  </Flex>
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
                  isApiError(upload.error) && upload.error.details.length > 0 ? (
                    <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                      {upload.error.details.map((d, i) => (
                        <li key={i}>{fieldErrorMessage(d, locale)}</li>
                      ))}
                    </ul>
                  ) : undefined
                }
              />
            )}
            <div>
              <Button
                type="primary"
                size="large"
                icon={<CloudUploadOutlined />}
                disabled={!file}
                loading={upload.isPending}
                onClick={() => file && upload.mutate(file)}
              >
                {t('import.upload')}
              </Button>
            </div>
          </Flex>
        )}

        {step === 1 && (
          <Flex vertical gap={16} style={{ maxWidth: 640 }}>
            <Typography.Text>{file ? t('import.checking', { file: file.name }) : t('import.checkingNoName')}</Typography.Text>
            {!pollError && !wrongKind && <JobProgress job={job} label={t('import.progress')} />}
            {(pollError || wrongKind) && (
              <Alert
                type="error"
                showIcon
                title={wrongKind ? t('import.notAnImport') : errorMessage(pollError, locale)}
                action={
                  <Button size="small" onClick={reset}>
                    {t('import.another')}
                  </Button>
                }
              />
            )}
          </Flex>
        )}

        {step === 2 && job?.status === 'succeeded' && (
          <Result
            status="success"
            title={t('import.successTitle', { n: formatNumber(imported ?? job.total) })}
            subTitle={file ? t('import.successText', { file: file.name }) : t('import.successTextNoName')}
            extra={[
              <Link key="list" to="/people">
                <Button type="primary" icon={<TeamOutlined />}>
                  {t('import.viewRegistry')}
                </Button>
              </Link>,
              <Button key="again" onClick={reset}>
                {t('import.another')}
              </Button>,
            ]}
          />
        )}

        {step === 2 && job?.status === 'failed' && (
          <Flex vertical gap={16}>
            <Result
              status="error"
              title={t('import.failedTitle')}
              subTitle={count > 0 ? t('import.failedText', { n: formatNumber(count) }) : (failMessage ?? t('import.failedGeneric'))}
              style={{ paddingBottom: 8 }}
              extra={[
                job.fileName && (
                  <Button key="report" type="primary" icon={<DownloadOutlined />} href={jobsApi.fileUrl(job.id)} download>
                    {t('import.downloadReport')}
                  </Button>
                ),
                <Button key="again" icon={<CloudUploadOutlined />} onClick={reset}>
                  {t('import.tryAgain')}
                </Button>,
              ]}
            />
            {errors.length > 0 && (
              <>
                {count > errors.length && (
                  <Alert type="warning" showIcon title={t('import.onlyFirst', { shown: formatNumber(errors.length), n: formatNumber(count) })} />
                )}
                <Table<ImportError & { key: number }>
                  size="small"
                  aria-label={t('import.errorsTable')}
                  dataSource={errors.map((e, i) => ({ ...e, key: i }))}
                  pagination={errors.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
                  scroll={{ x: 560 }}
                  columns={[
                    { key: 'row', title: t('import.row'), dataIndex: 'row', width: 80 },
                    { key: 'column', title: t('import.column'), dataIndex: 'column', width: 180 },
                    { key: 'message', title: t('import.message'), dataIndex: 'message' },
                  ]}
                />
              </>
            )}
          </Flex>
        )}
      </Card>
    </>
  );
}
