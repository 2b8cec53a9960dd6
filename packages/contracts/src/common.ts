import { z } from 'zod';
import { isIsoDate, isValidCitizenId, normaliseSpaces } from '@nang-tam/domain';

/** A real calendar date "YYYY-MM-DD" (31/02 is refused). Custom issues carry a field-error code. */
export const ZIsoDate = z.string().refine(isIsoDate, { message: 'INVALID_DATE' }).meta({ format: 'date', example: '1980-05-17' });

/** Free text: trimmed, spaces collapsed, bounded. */
export const zText = (max: number) =>
  z.string().max(max).transform(normaliseSpaces);

/** Required free text (not empty after trimming). */
export const zRequiredText = (max: number) =>
  z.string().max(max).transform(normaliseSpaces).pipe(z.string().min(1));

export const ZCitizenId = z.string().refine(isValidCitizenId, { message: 'INVALID_CITIZEN_ID' }).meta({ example: '008080001234' });

export const ZId = z.coerce.number().int().positive();
export const ZIdParams = z.strictObject({ id: ZId });

export const ZPage = {
  limit: z.coerce.number().int().min(1).max(200).default(20),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
};

export const ZRef = z.object({ id: z.number(), code: z.string(), name: z.string() });
export type Ref = z.infer<typeof ZRef>;

export const ZErrorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.array(z.object({ path: z.string(), code: z.string(), message: z.string() })),
  }),
});
