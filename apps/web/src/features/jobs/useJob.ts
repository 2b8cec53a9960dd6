import { useEffect, useRef, useState } from 'react';
import { App } from 'antd';
import { useMutation, useQuery } from '@tanstack/react-query';
import type { Job } from '@nang-tam/contracts';
import { downloadUrl, isApiError } from '../../api/client';
import { jobsApi } from '../../api/endpoints';

export function isJobDone(job: Job | undefined): boolean {
  return job?.status === 'succeeded' || job?.status === 'failed';
}

/** Polls a job every 500 ms until it has succeeded or failed. */
export function useJob(id: number | null, initial?: Job) {
  return useQuery({
    queryKey: ['jobs', id],
    queryFn: () => jobsApi.get(id!),
    enabled: id !== null,
    initialData: initial && initial.id === id ? initial : undefined,
    initialDataUpdatedAt: 0,
    // Every 500 ms while it runs; more slowly while the server does not answer.
    refetchInterval: (query) => {
      if (isJobDone(query.state.data)) return false;
      const err = query.state.error;
      if (query.state.status === 'error') return isApiError(err) && err.status >= 400 && err.status < 500 ? false : 3000;
      return 500;
    },
    refetchIntervalInBackground: true,
    staleTime: 0,
    gcTime: 5 * 60_000,
  });
}

/** 0–100, or null while the job does not know its size yet. */
export function jobPercent(job: Job | undefined): number | null {
  if (!job) return null;
  if (job.status === 'succeeded') return 100;
  if (job.total > 0) return Math.min(100, Math.floor((job.progress / job.total) * 100));
  return null;
}

/**
 * A file made by a background job behind a button (exports, documents): `begin` starts the job and
 * opens the dialog, the job is polled, and its file downloads once when it succeeds (`doneMessage`
 * is shown then); `close` shuts the dialog and forgets a failed start.
 */
export function useDownloadJob(start: () => Promise<Job>, doneMessage: string) {
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
      message.success(doneMessage);
    }
  }, [job, message, doneMessage]);

  const begin = () => {
    setJobId(null);
    setFirstJob(undefined);
    setOpen(true);
    mutation.mutate();
  };
  const close = () => {
    setOpen(false);
    mutation.reset();
  };
  const resultMessage = typeof job?.result?.message === 'string' ? job.result.message : null;
  return { open, begin, close, job, pollError, startError: mutation.isError ? mutation.error : null, resultMessage };
}
