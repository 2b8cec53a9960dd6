import { z } from 'zod';
import { PERMISSIONS, ROLES } from '@nang-tam/domain';

export const ZLoginRequest = z.strictObject({
  username: z.string().min(1).max(64),
  password: z.string().min(1).max(256),
});
export type LoginRequest = z.infer<typeof ZLoginRequest>;

export const ZMe = z.object({
  id: z.number(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(ROLES),
  unit: z.object({ id: z.number(), name: z.string() }),
  personId: z.number().nullable(),
  permissions: z.array(z.enum(PERMISSIONS)),
  /** Send back as the X-CSRF-Token header on every write. */
  csrfToken: z.string(),
  locale: z.enum(['vi', 'en']),
  /** The path of the user's first screen (decided by the server from the role and permissions). */
  home: z.string().startsWith('/'),
});
export type Me = z.infer<typeof ZMe>;
