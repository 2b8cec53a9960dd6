/** The figures of `npm run bench:national` (issue 10, national speed; decision 0058). */
import type { NationalDatasetInfo } from './national-dataset.js';

export interface NationalRow {
  group: 'statistics' | 'dashboard' | 'indicators' | 'reports';
  name: string;
  country: { apiMs: number; baselineMs: number; statements: number; count: number | null } | null;
  province: { apiMs: number; baselineMs: number; statements: number; count: number | null } | null;
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
  load: string;
  rows: NationalRow[];
}
