/**
 * Official statistical report forms (issue 10 point 3, docs/decisions/0048): versioned definitions
 * (rows, columns, the measure and filters behind each cell), edited as JSON by the board or home
 * affairs (catalogue.write) and validated by domain reports.validateDefinition; filled for a period
 * and a unit subtree as a background job whose result carries the grid (the preview) and whose
 * file is the Excel or PDF in the form's layout.
 */
import { z } from 'zod';
import { reports } from '@nang-tam/domain';
import { ZId, ZIsoDate } from './common.js';

export const REPORT_MEASURES = reports.REPORT_MEASURES;
export const REPORT_MEASURE_LABELS = reports.REPORT_MEASURE_LABELS;

const ZKey = z
  .string()
  .regex(/^[A-Za-z0-9_.-]{1,40}$/, 'Mã chỉ gồm chữ cái không dấu, chữ số, dấu chấm, gạch dưới, gạch ngang (tối đa 40 ký tự).');
const ZCodeList = z.array(z.string().min(1).max(60)).min(1).max(60);
const ZText = (max: number) => z.string().trim().min(1).max(max);

export const ZReportFormCode = z.string().regex(/^[A-Za-z0-9_.-]{1,40}$/);
export const ZReportFormParams = z.strictObject({ code: ZReportFormCode });

export const ZReportFilter = z.strictObject({
  categories: ZCodeList.optional(),
  gender: z.enum(['male', 'female']).optional(),
  ethnicMinority: z.boolean().optional(),
  partyMember: z.boolean().optional(),
  ageBelow: z.number().int().min(1).max(119).optional(),
  young: z.boolean().optional(),
  qualification: z
    .strictObject({
      kind: z.string().min(1).max(60),
      minLevel: z.string().min(1).max(60).optional(),
      highest: z.string().min(1).max(60).optional(),
    })
    .optional(),
  programmeKinds: ZCodeList.optional(),
  programmeLevels: ZCodeList.optional(),
  programmeCodes: ZCodeList.optional(),
  modes: ZCodeList.optional(),
  organiserTypes: ZCodeList.optional(),
});

export const ZReportLine = z.strictObject({
  key: ZKey,
  label: ZText(200),
  sumOf: z.array(ZKey).min(1).max(100).optional(),
  filter: ZReportFilter.optional(),
  // any text: an unknown measure is refused by the validation with its name and the known ones
  measure: z.string().min(1).max(40).optional(),
  group: ZText(120).optional(),
  indent: z.number().int().min(0).max(3).optional(),
});

export const ZReportDefinitionBody = z.strictObject({
  title: ZText(300),
  ministryCode: z.string().trim().min(1).max(60).nullable(),
  verified: z.boolean(),
  period: z.enum(['year', 'any']),
  unitLine: ZText(120).optional(),
  receiver: ZText(200),
  deadline: ZText(300).optional(),
  notes: z.array(ZText(1000)).max(20).optional(),
  rows: z.array(ZReportLine).max(200),
  columns: z.array(ZReportLine).max(60),
});
export type ReportDefinitionBodyInput = z.infer<typeof ZReportDefinitionBody>;

export const ZReportSource = z.strictObject({
  code: ZText(100),
  title: ZText(500),
  issuer: ZText(200),
  issuedOn: ZIsoDate,
});

export const ZReportFormVersion = z.object({
  code: z.string(),
  version: z.number(),
  body: ZReportDefinitionBody,
  source: ZReportSource,
  reason: z.string(),
  periodFrom: z.string(),
  periodTo: z.string().nullable(),
  createdByName: z.string().nullable(),
  createdAt: z.string(),
});
export type ReportFormVersion = z.infer<typeof ZReportFormVersion>;

export const ZReportFormList = z.object({ items: z.array(ZReportFormVersion) });
export const ZReportFormDetail = z.object({ current: ZReportFormVersion, versions: z.array(ZReportFormVersion) });
export type ReportFormDetail = z.infer<typeof ZReportFormDetail>;

export const ZReportFormVersionInput = z.strictObject({
  body: ZReportDefinitionBody,
  source: ZReportSource,
  reason: ZText(500),
  periodFrom: ZIsoDate,
  periodTo: ZIsoDate.nullable().optional(),
});
export type ReportFormVersionInput = z.infer<typeof ZReportFormVersionInput>;

export const ZReportFillInput = z.strictObject({
  from: ZIsoDate,
  to: ZIsoDate,
  unitId: ZId,
  format: z.enum(['xlsx', 'pdf']).default('xlsx'),
});
export type ReportFillInput = z.infer<typeof ZReportFillInput>;

/** The filled grid (the job's result `grid`): the preview the web shows. */
export const ZReportGrid = z.object({
  formCode: z.string(),
  version: z.number(),
  title: z.string(),
  from: z.string(),
  to: z.string(),
  unit: z.object({ id: z.number(), name: z.string() }),
  unitLine: z.string().nullable(),
  columns: z.array(z.object({ key: z.string(), label: z.string(), group: z.string().optional(), sum: z.boolean() })),
  rows: z.array(
    z.object({
      key: z.string(),
      no: z.string(),
      label: z.string(),
      indent: z.number(),
      sum: z.boolean(),
      values: z.record(z.string(), z.number()),
    }),
  ),
  notes: z.array(z.string()),
});
export type ReportGrid = z.infer<typeof ZReportGrid>;
