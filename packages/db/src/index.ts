export * from './create-db.js';
export * from './migrate.js';
export * from './repositories/scope.js';
export * as usersRepo from './repositories/users.repository.js';
export * as auditRepo from './repositories/audit.repository.js';
export * as unitsRepo from './repositories/units.repository.js';
export * as referenceRepo from './repositories/reference.repository.js';
export * as peopleRepo from './repositories/people.repository.js';
