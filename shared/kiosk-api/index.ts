export * from './api-error.js';
export * from './client.js';
export * from './events.js';
export * from './methods.js';
export * from './report-views.js';
export * from './roster-views.js';
export * from './settings-views.js';
export * from './views.js';
