export * from './definitions.js';
export * from './shipped.js';
