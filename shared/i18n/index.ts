export * from './text.js';
export { t, render, renderBoth, catalogs } from './catalogs.js';
