/**
 * The production entry point: the server and nothing else. It never builds demo data: `npm start`
 * runs the demo start-up (tools/demo/start.ts), which builds the demo province into an empty database
 * and then starts this same server.
 */
import { loadConfig } from './config.js';
import { startServer, stopOnSignals } from './server.js';

startServer(loadConfig())
  .then(stopOnSignals)
  .catch((err) => {
    console.error(err);
    process.exit(1);
  });
