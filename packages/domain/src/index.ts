export * from './text.js';
export * from './dates.js';
export * from './vocabulary.js';
export * from './access.js';
export * from './person.js';
export * as rules from './rules/index.js';
export * as training from './training/index.js';
export * as needs from './needs/index.js';
export * as plans from './plans/index.js';
export * as notifications from './notifications/index.js';
// evaluation after training (issue 11 point 4; decision 0051)
export * as reaction from './evaluation/reaction.js';
export * as agencyFeedback from './evaluation/agency-feedback.js';
// official statistical reports (issue 10 point 3, decision 0048)
export * as reports from './reports/index.js';
export * as statistics from './statistics/index.js';
export * as evaluationResults from './evaluation/results.js';
export * as indicators from './indicators/index.js';
