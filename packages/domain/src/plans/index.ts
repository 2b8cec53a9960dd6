export * from './percent.js';
export * from './plans.js';
export * from './realisation.js';
export * from './from-needs.js';
export * from './budgets.js';
