import type { Catalog } from './text.js';

export const commonCatalog = {
  'common.yes': { 'zh-CN': '是', en: 'yes' },
  'common.no': { 'zh-CN': '否', en: 'no' },
} as const satisfies Catalog;
