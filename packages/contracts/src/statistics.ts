/**
 * Training statistics (issue 10, docs/decisions/0047): person-times (lượt người) and distinct people
 * trained, filtered and grouped by up to two dimensions, over a period and a unit subtree; each cell
 * drills down to the person-times behind it. The official report forms (branch `reports`) fill
 * their cells with `ZStatisticsQuery` (service statistics.service.ts: `computeStatistics`).
 * Keep the shape stable: add optional fields, do not rename.
 */
import { z } from 'zod';
import { statistics } from '@nang-tam/domain';
import { ZIdNumber, ZIsoDate, ZPage } from './common.js';
import { ZStudyMode } from './rules.js';
import { ZOrganiserType } from './catalogue.js';

export const STAT_DIMENSIONS = statistics.STAT_DIMENSIONS;
export type StatDimension = statistics.StatDimension;
export const STAT_DIMENSION_LABELS = statistics.STAT_DIMENSION_LABELS;
export const STAT_MEASURES = statistics.STAT_MEASURES;
export type StatMeasure = statistics.StatMeasure;

export const ZStatDimension = z.enum(statistics.STAT_DIMENSIONS);
export const ZStatBasis = z.enum(statistics.STAT_BASES);
export const ZStatUnitBasis = z.enum(statistics.STAT_UNIT_BASES);
export const ZStatSource = z.enum(statistics.STAT_SOURCES);

const ZCode = z.string().regex(/^[A-Za-z0-9_.-]{1,40}$/);

/** Filters: every given one must hold (lists: any of their values). */
export const ZStatFilters = z.strictObject({
  programmeCodes: z.array(ZCode).max(100).optional(),
  programmeKinds: z.array(ZCode).max(50).optional(),
  programmeLevels: z.array(ZCode).max(50).optional(),
  modes: z.array(ZStudyMode).max(3).optional(),
  organiserTypes: z.array(ZOrganiserType).max(4).optional(),
  sources: z.array(ZStatSource).max(2).optional(),
  gender: z.enum(['male', 'female']).optional(),
  ethnicMinority: z.boolean().optional(),
  partyMember: z.boolean().optional(),
  young: z.boolean().optional(),
  managementScopeCodes: z.array(ZCode).max(50).optional(),
});
export type StatFilters = z.infer<typeof ZStatFilters>;

/**
 * A statistic: the period [from, to] (a training counts when it runs in the period — plans'
 * realisation rule), the unit whose subtree (default: the caller's unit), whose unit places a
 * person-time there (the learner's, default; or the organiser's), the basis (enrolled, default, or
 * completed), filters and up to two group-by dimensions.
 */
export const ZStatisticsQuery = z.strictObject({
  from: ZIsoDate,
  to: ZIsoDate,
  unitId: ZIdNumber.optional(),
  unitBasis: ZStatUnitBasis.default('learner'),
  basis: ZStatBasis.default('enrolled'),
  groupBy: z.array(ZStatDimension).max(2).default([]),
  filters: ZStatFilters.default({}),
});
export type StatisticsQuery = z.input<typeof ZStatisticsQuery>;
export type StatisticsQueryParsed = z.infer<typeof ZStatisticsQuery>;

const ZPercent = z.object({ value: z.number().nullable(), done: z.number(), planned: z.number() });

/** Counts of one group (or of the whole): person-times and people, and the target groups in person-times. */
export const ZStatCounts = z.object({
  personTimes: z.number(),
  people: z.number(),
  young: z.number(),
  female: z.number(),
  minority: z.number(),
  partyMember: z.number(),
});
export type StatCounts = z.infer<typeof ZStatCounts>;

/** One group's key value: the code kept for drill-down, the label shown. */
export const ZStatKey = z.object({ code: z.string(), label: z.string() });

export const ZStatRow = ZStatCounts.extend({
  /** One entry per `groupBy` dimension, in its order. */
  keys: z.array(ZStatKey),
});
export type StatRow = z.infer<typeof ZStatRow>;

export const ZStatistics = z.object({
  from: z.string(),
  to: z.string(),
  unit: z.object({ id: z.number(), name: z.string() }),
  unitBasis: ZStatUnitBasis,
  basis: ZStatBasis,
  groupBy: z.array(ZStatDimension),
  young: z.object({ underAge: z.number(), source: z.string() }),
  total: ZStatCounts,
  /** Shares of the total's person-times (young, female, minority, party members), 1 decimal half up. */
  shares: z.object({ young: ZPercent, female: ZPercent, minority: ZPercent, partyMember: ZPercent }),
  rows: z.array(ZStatRow),
  notes: z.array(z.string()),
  actions: z.array(z.enum(['drill', 'export'])),
});
export type Statistics = z.infer<typeof ZStatistics>;

/** Drill-down: the same query and the cell (one code per group-by dimension), paged. */
export const ZStatDrillQuery = ZStatisticsQuery.extend({
  cell: z.array(z.string().max(200)).max(2).default([]),
  ...ZPage,
});
export type StatDrillQuery = z.input<typeof ZStatDrillQuery>;

export const ZStatDrillRow = z.object({
  source: ZStatSource,
  factId: z.number(),
  personId: z.number(),
  fullName: z.string(),
  birthDate: z.string(),
  gender: z.string(),
  unitName: z.string(),
  programmeCode: z.string(),
  programmeName: z.string(),
  mode: z.string(),
  /** The class's name, or the outside institution. */
  where: z.string(),
  startDate: z.string(),
  endDate: z.string(),
  completed: z.boolean(),
});
export type StatDrillRow = z.infer<typeof ZStatDrillRow>;

export const ZStatDrill = z.object({
  total: z.number(),
  people: z.number(),
  rows: z.array(ZStatDrillRow),
});
export type StatDrill = z.infer<typeof ZStatDrill>;

/** An export (Excel / PDF) of a statistic, or of a cell's people, as a background job. */
export const ZStatExportRequest = z.strictObject({
  query: ZStatisticsQuery,
  format: z.enum(['xlsx', 'pdf']).default('xlsx'),
  /** Given: export the people behind this cell instead of the table. */
  cell: z.array(z.string().max(200)).max(2).optional(),
});

// ---------- dashboards ----------

/**
 * A dashboard: the province's (board), a unit's (unit officer: their subtree) or the school's
 * (registrar: the classes it organises — unitBasis organiser). Years [fromYear, toYear].
 */
export const ZDashboardQuery = z.strictObject({
  unitId: z.coerce.number().int().min(1).max(2_147_483_647).optional(),
  fromYear: z.coerce.number().int().min(2000).max(2200).optional(),
  toYear: z.coerce.number().int().min(2000).max(2200).optional(),
  unitBasis: ZStatUnitBasis.optional(),
});
export type DashboardQuery = z.input<typeof ZDashboardQuery>;

export const ZDashboardPlanYear = z.object({
  year: z.number(),
  plannedClasses: z.number(),
  doneClasses: z.number(),
  plannedLearners: z.number(),
  doneLearners: z.number(),
});

export const ZDashboard = z.object({
  unit: z.object({ id: z.number(), name: z.string() }),
  unitBasis: ZStatUnitBasis,
  fromYear: z.number(),
  toYear: z.number(),
  /** Person-times and people per year (a training counts in each year it runs in). */
  byYear: z.array(ZStatRow),
  /** Person-times per programme over the whole span. */
  byProgramme: z.array(ZStatRow),
  total: ZStatCounts,
  shares: ZStatistics.shape.shares,
  /** Plan against actual per year with an annual plan; null when the caller may not read plans. */
  planVsActual: z.array(ZDashboardPlanYear).nullable(),
  notes: z.array(z.string()),
});
export type Dashboard = z.infer<typeof ZDashboard>;

/** People lacking the political-theory level their post requires, at each year end. */
export const ZGapsTrendQuery = z.strictObject({
  unitId: z.coerce.number().int().min(1).max(2_147_483_647).optional(),
  fromYear: z.coerce.number().int().min(2000).max(2200).optional(),
  toYear: z.coerce.number().int().min(2000).max(2200).optional(),
});
export const ZGapsTrend = z.object({
  unit: z.object({ id: z.number(), name: z.string() }),
  kind: z.string(),
  points: z.array(z.object({ asOf: z.string(), withStandards: z.number(), lacking: z.number() })),
  notes: z.array(z.string()),
});
export type GapsTrend = z.infer<typeof ZGapsTrend>;
