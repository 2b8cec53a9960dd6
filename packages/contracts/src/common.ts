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

/** The largest value of a PostgreSQL integer column: every id and version number fits below it. */
export const INT4_MAX = 2_147_483_647;

/**
 * A record id in a path or a query string (or a filter sent as JSON): plain decimal digits, or a
 * JSON integer, from 1 to 2,147,483,647. "0x10", "1e1", "+1", " 1", "1.0" and anything past the
 * integer column's range are refused (400), not coerced into some other record or left to fail in
 * the database.
 */
export const ZId = z
  .union([z.number().int(), z.string().regex(/^[1-9][0-9]{0,9}$/).transform(Number)])
  .pipe(z.number().int().min(1).max(INT4_MAX));

/** An id (or version number) in a JSON body: an integer from 1 to 2,147,483,647. */
export const ZIdNumber = z.number().int().min(1).max(INT4_MAX);

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
