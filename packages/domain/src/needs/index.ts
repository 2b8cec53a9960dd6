export * from './needs.js';
export * from './aggregate.js';
