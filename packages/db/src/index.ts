export * from './create-db.js';
export * from './migrate.js';
