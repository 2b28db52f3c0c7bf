/**
 * Test helpers for adapter authors: the conformance kit every adapter runs, and valid sample
 * submissions. Node only (it registers tests with `node:test`).
 * @packageDocumentation
 */
export * from './conformance.js';
export * from './samples.js';
export * from './memory-adapter.js';
