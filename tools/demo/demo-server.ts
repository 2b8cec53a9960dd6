/**
 * The demo start-up behind `npm start` (tools/demo/start.ts): the server of apps/server/src/server.ts,
 * with the demo province built into an empty database first when `DEMO=auto`.
 *
 * The production entry point (apps/server/src/main.ts) starts the same server without this module:
 * the server never imports tools/demo; tools/demo imports the server.
 */
import { unitsRepo, type Db } from '@nang-tam/db';
import type { Config } from '../../apps/server/src/config.js';
import { startServer, type RunningServer } from '../../apps/server/src/server.js';
import { seedDemoProvince } from './generate.js';

/** Builds the demo province when the registry holds no unit yet; a database in use is left as it is. */
export async function seedDemoIfEmpty(db: Db, people: number, log: (msg: string) => void): Promise<boolean> {
  if (await unitsRepo.hasUnits(db)) return false;
  log(`Empty database: building the demo province (${people} people)…`);
  const counts = await seedDemoProvince(db, { people, onProgress: log });
  log(`Demo province ready: ${counts.units} units, ${counts.people} people, ${counts.users} accounts.`);
  return true;
}

/** Starts the server; with `config.demo === 'auto'` an empty database gets the demo province first. */
export function startDemoServer(config: Config, options: { db?: Db } = {}): Promise<RunningServer> {
  return startServer(config, {
    db: options.db,
    beforeListen:
      config.demo === 'auto'
        ? async ({ db }, log) => {
            await seedDemoIfEmpty(db, config.demoPeople, (msg) => log.info(msg));
          }
        : undefined,
  });
}
