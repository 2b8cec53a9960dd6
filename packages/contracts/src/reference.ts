import { z } from 'zod';

export const ZReferenceItem = z.object({ id: z.number(), code: z.string(), name: z.string() });
export const ZTitle = ZReferenceItem.extend({ level: z.string(), leadership: z.boolean() });
export const ZQualificationLevel = z.object({ kind: z.string(), code: z.string(), name: z.string(), rank: z.number() });
export const ZEthnicity = z.object({ code: z.string(), name: z.string(), minority: z.boolean() });

export const ZReference = z.object({
  titles: z.array(ZTitle),
  jobPositions: z.array(ZReferenceItem),
  ranks: z.array(ZReferenceItem),
  managementScopes: z.array(ZReferenceItem),
  ethnicities: z.array(ZEthnicity),
  qualificationLevels: z.array(ZQualificationLevel),
  terms: z.array(z.string()),
});
export type Reference = z.infer<typeof ZReference>;
