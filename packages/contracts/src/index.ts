export * from './errors.js';
export * from './common.js';
export * from './auth.js';
export * from './units.js';
export * from './reference.js';
export * from './people.js';
export * from './jobs.js';
export * from './rules.js';
