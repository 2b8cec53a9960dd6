// Exits 0 when the PostgreSQL server at the given URL answers; otherwise explains how to start one.
import pg from 'pg';

const url = process.argv[2];
const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
try {
  await client.connect();
  await client.query('SELECT 1');
  await client.end();
} catch (err) {
  console.error(`PostgreSQL is not reachable at ${url.replace(/:[^:@/]*@/, ':***@')}: ${err.message}`);
  console.error('Start one (e.g. `pg_ctlcluster 15 main start`) or set TEST_DATABASE_URL to a server where the user may CREATE DATABASE.');
  process.exit(1);
}
