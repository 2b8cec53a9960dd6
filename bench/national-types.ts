/** The figures of `npm run bench:national` (issue 10, national speed; decision 0058). */
import type { NationalDatasetInfo } from './national-dataset.js';

export interface NationalScopeFigures {
  apiMs: number;
  baselineMs: number;
  statements: number;
  count: number | null;
  /** The call failed (e.g. cancelled by the bench's statement_timeout): apiMs is the time until then. */
  error?: string;
}

export interface NationalRow {
  group: 'statistics' | 'dashboard' | 'indicators' | 'reports';
  name: string;
  country: NationalScopeFigures | null;
  province: NationalScopeFigures | null;
  /** country count = 34 × province count (null: nothing to compare) */
  times34: boolean | null;
  error?: string;
  /** Timed once (the first call took over 10 s): no untimed round, no median. */
  single?: boolean;
}

export interface NationalBench {
  dataset: NationalDatasetInfo;
  provincePeople: number;
  machine: string;
  runs: number;
  /** Every statement of the run was cancelled after this many seconds. */
  statementTimeoutS: number;
  load: string;
  rows: NationalRow[];
}
