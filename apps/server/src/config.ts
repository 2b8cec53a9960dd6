import { resolve } from 'node:path';
import { z } from 'zod';

/**
 * Configuration is read and validated once, here; nothing else reads process.env.
 */
const ZEnv = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z.string().url().optional(),
  /** A streaming replica of DATABASE_URL that reports and statistics may read (decision 0018). */
  DATABASE_REPLICA_URL: z.string().url().optional(),
  DB_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  SESSION_TTL_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(7 * 24 * 60)
    .default(480),
  COOKIE_SECURE: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  LOGIN_RATE_LIMIT: z.coerce.number().int().min(1).max(10_000).default(10),
  LOGIN_RATE_WINDOW_SECONDS: z.coerce.number().int().min(1).default(900),
  IMPORT_MAX_MB: z.coerce.number().min(1).max(200).default(20),
  /** 'auto' builds the demo province on an empty database; 'off' leaves it empty. */
  DEMO: z.enum(['auto', 'off']).default('auto'),
  DEMO_PEOPLE: z.coerce.number().int().min(100).max(500_000).default(20_000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  WEB_DIST: z.string().optional(),
  /** The address people reach the web app at (certificate QR codes link to it); default: the request's own origin. */
  PUBLIC_BASE_URL: z.string().url().optional(),
});

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  databaseReplicaUrl: string | undefined;
  dbPoolSize: number;
  sessionTtlMinutes: number;
  cookieSecure: boolean;
  loginRateLimit: number;
  loginRateWindowSeconds: number;
  importMaxBytes: number;
  demo: 'auto' | 'off';
  demoPeople: number;
  logLevel: string;
  webDist: string;
  /** No trailing slash; undefined: use the request's origin. */
  publicBaseUrl: string | undefined;
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = ZEnv.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== '')));
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: resolve(e.DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    databaseReplicaUrl: e.DATABASE_REPLICA_URL,
    dbPoolSize: e.DB_POOL_SIZE,
    sessionTtlMinutes: e.SESSION_TTL_MINUTES,
    cookieSecure: e.COOKIE_SECURE,
    loginRateLimit: e.LOGIN_RATE_LIMIT,
    loginRateWindowSeconds: e.LOGIN_RATE_WINDOW_SECONDS,
    importMaxBytes: Math.round(e.IMPORT_MAX_MB * 1024 * 1024),
    demo: e.DEMO,
    demoPeople: e.DEMO_PEOPLE,
    logLevel: e.LOG_LEVEL,
    webDist: resolve(e.WEB_DIST ?? new URL('../../web/dist', import.meta.url).pathname),
    publicBaseUrl: e.PUBLIC_BASE_URL?.replace(/\/+$/, ''),
  };
}
