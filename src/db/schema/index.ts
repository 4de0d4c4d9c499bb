export * from './access.js';
export * from './calendar.js';
export * from './meetings.js';
export * from './operations.js';
export * from './organization.js';
export * from './people.js';
export * from './pipeline.js';
export * from './rollup.js';
