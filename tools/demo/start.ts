/**
 * `npm start`: the one-command demo. Starts the server and, when `DEMO=auto` (the default) finds an
 * empty database, builds the demo province into it first (`DEMO_PEOPLE` people); `DEMO=off npm start`
 * starts the server on whatever the database holds. See demo-server.ts.
 *
 * The production entry point is apps/server/src/main.ts: the same server, never any demo data.
 */
import { loadConfig } from '../../apps/server/src/config.js';
import { stopOnSignals } from '../../apps/server/src/server.js';
import { startDemoServer } from './demo-server.js';

startDemoServer(loadConfig())
  .then(stopOnSignals)
  .catch((err) => {
    console.error(err);
    process.exit(1);
  });
