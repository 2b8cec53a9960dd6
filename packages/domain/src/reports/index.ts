export * from './definitions.js';
export * from './shipped.js';
export * from './training-plan.js';
