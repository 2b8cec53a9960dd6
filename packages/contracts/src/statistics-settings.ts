/**
 * The "young" age limit the training statistics use (cán bộ trẻ: under N years old on the training's
 * start date; decision 0047 keeps it as data, decision 0057 gives it a screen). One version per date
 * it takes effect from, with the document or reasoning it rests on; versions are only added.
 */
import { z } from 'zod';
import { ZIsoDate, zRequiredText } from './common.js';

export const ZYoungSetting = z.object({
  id: z.number().int(),
  underAge: z.number().int(),
  validFrom: ZIsoDate,
  /** The source document (number, date, issuer) or the reasoning, as entered. */
  source: z.string(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
});
export type YoungSetting = z.infer<typeof ZYoungSetting>;

export const ZYoungSettings = z.object({
  /** The version in force today (null only if none starts on or before today). */
  current: ZYoungSetting.nullable(),
  /** Every version, the latest first. */
  versions: z.array(ZYoungSetting),
  /** Whether the reader may add a version (the provincial board, the system administrator). */
  canChange: z.boolean(),
});
export type YoungSettings = z.infer<typeof ZYoungSettings>;

export const ZYoungSettingCreate = z.strictObject({
  /** Young when under this age (16–60, as the table's check). */
  underAge: z.number().int().min(16).max(60),
  validFrom: ZIsoDate,
  source: zRequiredText(2000),
});
export type YoungSettingCreate = z.infer<typeof ZYoungSettingCreate>;
