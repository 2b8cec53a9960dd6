// Runs a command with TEST_DATABASE_URL set (default: the local PostgreSQL server).
import { run } from './run-step.mjs';

const url = process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const [cmd, ...args] = process.argv.slice(2);
process.exit(await run('npx', [cmd, ...args], { TEST_DATABASE_URL: url }));
