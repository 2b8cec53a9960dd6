export * from './text.js';
export * from './dates.js';
export * from './vocabulary.js';
export * from './access.js';
export * from './person.js';
