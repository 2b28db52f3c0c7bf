/**
 * The synpunkt contract: what a synpunkt is, how it is checked, how it is sent, and when the
 * sender can expect an answer.
 * @packageDocumentation
 */
export * from './vocabulary.js';
export * from './limits.js';
export * from './errors.js';
export * from './abort.js';
export * from './fields.js';
export * from './submission.js';
export * from './schema.js';
export * from './adapter.js';
export * from './client.js';
export * from './route-limits.js';
export * from './message-length.js';
export * from './calendar.js';
export * from './wire.js';
