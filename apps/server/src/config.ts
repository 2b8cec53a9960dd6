import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
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
  /**
   * How long a node keeps a session it has read (decision 0059); any change of users, sessions or
   * units makes every node forget them at once (migration 042). 0: read the session on every request.
   */
  SESSION_CACHE_SECONDS: z.coerce.number().int().min(0).max(3600).default(60),
  COOKIE_SECURE: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  LOGIN_RATE_LIMIT: z.coerce.number().int().min(1).max(10_000).default(10),
  LOGIN_RATE_WINDOW_SECONDS: z.coerce.number().int().min(1).default(900),
  /** Login attempts allowed from one client address within the window (all usernames together). */
  LOGIN_ADDRESS_RATE_LIMIT: z.coerce.number().int().min(1).max(100_000).default(30),
  /** Proxies whose X-Forwarded-For is believed (comma-separated addresses or CIDR ranges, e.g. 127.0.0.1,10.0.0.0/8); empty: none. */
  TRUSTED_PROXIES: z.string().optional(),
  IMPORT_MAX_MB: z.coerce.number().min(1).max(200).default(20),
  /** 'auto': the demo start-up (`npm start`, tools/demo/start.ts) builds the demo province on an empty database; 'off' leaves it empty. main.ts never builds it. */
  DEMO: z.enum(['auto', 'off']).default('auto'),
  DEMO_PEOPLE: z.coerce.number().int().min(100).max(500_000).default(20_000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  WEB_DIST: z.string().optional(),
  /** The address people reach the web app at (certificate QR codes link to it); default: the request's own origin. */
  PUBLIC_BASE_URL: z.string().url().optional(),
  /** Notification e-mail (decision 0036): an smtp:// or smtps:// URL (credentials in it); unset: in-app notifications only. */
  SMTP_URL: z.string().regex(/^smtps?:\/\//, 'smtp:// or smtps:// URL').optional(),
  /** The sender of notification e-mail, e.g. "Nâng Tầm <no-reply@example.gov.vn>". */
  SMTP_FROM: z.string().min(3).default('Nâng Tầm <no-reply@localhost>'),
});

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  databaseReplicaUrl: string | undefined;
  dbPoolSize: number;
  sessionTtlMinutes: number;
  /** Seconds a node keeps a session it has read; 0: none (decision 0059). */
  sessionCacheSeconds: number;
  cookieSecure: boolean;
  loginRateLimit: number;
  loginRateWindowSeconds: number;
  loginAddressRateLimit: number;
  /** Addresses or CIDR ranges of the reverse proxies in front of the server; empty: the socket's address is the client's. */
  trustedProxies: string[];
  importMaxBytes: number;
  demo: 'auto' | 'off';
  demoPeople: number;
  logLevel: string;
  webDist: string;
  /** No trailing slash; undefined: use the request's origin. */
  publicBaseUrl: string | undefined;
  /** Notification e-mail: undefined sends none. */
  smtp: { url: string; from: string } | undefined;
}

/** The built web app: dist/web beside the compiled server (dist/server/*.js), else apps/web/dist when run from source. */
function defaultWebDist(): string {
  const besideBuild = fileURLToPath(new URL('../web', import.meta.url));
  return existsSync(join(besideBuild, 'index.html')) ? besideBuild : fileURLToPath(new URL('../../web/dist', import.meta.url));
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
    sessionCacheSeconds: e.SESSION_CACHE_SECONDS,
    cookieSecure: e.COOKIE_SECURE,
    loginRateLimit: e.LOGIN_RATE_LIMIT,
    loginRateWindowSeconds: e.LOGIN_RATE_WINDOW_SECONDS,
    loginAddressRateLimit: e.LOGIN_ADDRESS_RATE_LIMIT,
    trustedProxies: (e.TRUSTED_PROXIES ?? '')
      .split(',')
      .map((p) => p.trim())
      .filter((p) => p !== ''),
    importMaxBytes: Math.round(e.IMPORT_MAX_MB * 1024 * 1024),
    demo: e.DEMO,
    demoPeople: e.DEMO_PEOPLE,
    logLevel: e.LOG_LEVEL,
    webDist: resolve(e.WEB_DIST ?? defaultWebDist()),
    publicBaseUrl: e.PUBLIC_BASE_URL?.replace(/\/+$/, ''),
    smtp: e.SMTP_URL ? { url: e.SMTP_URL, from: e.SMTP_FROM } : undefined,
  };
}
