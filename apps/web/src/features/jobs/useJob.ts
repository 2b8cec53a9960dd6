import { useQuery } from '@tanstack/react-query';
import type { Job } from '@nang-tam/contracts';
import { isApiError } from '../../api/client';
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
