import type { Catalog } from './text.js';

export const cliCatalog = {
  'cli.fileUnreadable': { 'zh-CN': '无法读取文件 {file}（{reason}）', en: 'Cannot read the file {file} ({reason})' },
  'cli.notJson': { 'zh-CN': '文件 {file} 不是有效的 JSON：{reason}', en: 'The file {file} is not valid JSON: {reason}' },
  'cli.policyFile': { 'zh-CN': '补贴政策文件 {file}', en: 'policy file {file}' },
  'cli.eaten': { 'zh-CN': '已就餐记录（--eaten）', en: 'meals already eaten (--eaten)' },
} as const satisfies Catalog;
