import { z } from 'zod';
import { UNIT_KINDS, codesOf } from '@nang-tam/domain';
import { ZIsoDate, ZId } from './common.js';

export const ZUnitKind = z.enum(codesOf(UNIT_KINDS));

export const ZUnit = z.object({
  id: z.number(),
  code: z.string(),
  officialCode: z.string().nullable(),
  name: z.string(),
  kind: ZUnitKind,
  parentId: z.number().nullable(),
  depth: z.number(),
  validFrom: ZIsoDate.nullable(),
  validTo: ZIsoDate.nullable(),
  childCount: z.number(),
  peopleCount: z.number(),
});
export type Unit = z.infer<typeof ZUnit>;

export const ZUnitChildrenQuery = z.strictObject({
  /** Children of this unit; without it, the roots of the caller's scope. */
  parentId: ZId.optional(),
  q: z.string().max(100).optional(),
  /** "true": also units no longer in existence (merged away, e.g. the provinces merged on 1/7/2025). */
  historical: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
});

export const ZUnitLink = z.object({ id: z.number(), name: z.string(), effectiveOn: ZIsoDate, note: z.string().nullable() });

export const ZUnitDetail = ZUnit.extend({
  ancestors: z.array(z.object({ id: z.number(), name: z.string() })),
  predecessors: z.array(ZUnitLink),
  successors: z.array(ZUnitLink),
});
export type UnitDetail = z.infer<typeof ZUnitDetail>;

export const ZUnitList = z.object({ items: z.array(ZUnit) });
