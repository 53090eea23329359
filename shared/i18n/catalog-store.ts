import type { Catalog } from './text.js';

/**
 * The kiosk's local database: why it cannot be opened or why a write failed. A cashier or canteen
 * manager reads these, so each says what happened to their data and what to do next.
 * `store.open.*` names the file (for whoever restores it); `store.error.*` is shown at the counter.
 */
export const storeCatalog = {
  'store.open.notFound': {
    'zh-CN': '找不到数据库文件：{file}',
    en: 'The database file was not found: {file}',
  },
  'store.open.folderNotFound': {
    'zh-CN': '找不到存放数据库的文件夹：{folder}',
    en: 'The folder for the database does not exist: {folder}',
  },
  'store.open.corrupt': {
    'zh-CN': '数据库文件已损坏，无法打开：{file}。请不要删除它，联系技术支持从备份恢复。',
    en: 'The database file is damaged and cannot be opened: {file}. Do not delete it; contact support to restore it from a backup.',
  },
  'store.open.damagedPages': {
    'zh-CN': '数据库文件有损坏的部分：{file}（{detail}）。请不要删除它，联系技术支持从备份恢复。',
    en: 'Part of the database file is damaged: {file} ({detail}). Do not delete it; contact support to restore it from a backup.',
  },
  'store.open.notZhucan': {
    'zh-CN': '这个文件不是助餐的数据库：{file}',
    en: 'This file is not a Zhucan database: {file}',
  },
  'store.open.newer': {
    'zh-CN': '这个数据库由更新版本的助餐写入（数据版本 {found}），本程序只支持到版本 {supported}。请先升级助餐再打开。',
    en: 'This database was written by a newer Zhucan (data version {found}); this program supports up to version {supported}. Update Zhucan, then open it again.',
  },
  'store.open.older': {
    'zh-CN': '这个数据库的版本较旧（数据版本 {found}，当前为 {supported}），只读方式无法升级，请以正常方式打开一次。',
    en: 'This database is an older version (data version {found}; current is {supported}) and cannot be upgraded read-only; open it normally once.',
  },
  'store.open.noWal': {
    'zh-CN': '所在磁盘不支持安全写入模式（WAL），数据在断电时可能丢失：{file}。请把数据放在本机硬盘上，不要放在网络盘上。',
    en: 'The disk does not support safe writing (WAL), so data could be lost in a power cut: {file}. Keep the data on a local disk, not a network drive.',
  },
  'store.open.locked': {
    'zh-CN': '数据库正被另一个程序占用（例如另开的助餐窗口），暂时无法打开：{file}',
    en: 'Another program (such as a second Zhucan window) is using the database, so it cannot be opened now: {file}',
  },
  'store.open.full': {
    'zh-CN': '磁盘已满，无法打开数据库：{file}。请清理磁盘空间后重试。',
    en: 'The disk is full, so the database cannot be opened: {file}. Free some disk space and try again.',
  },
  'store.open.readonly': {
    'zh-CN': '数据库文件或所在文件夹是只读的，无法打开保存：{file}',
    en: 'The database file or its folder is read-only, so it cannot be opened for saving: {file}',
  },
  'store.open.io': {
    'zh-CN': '读写磁盘出错（{code}），无法打开数据库：{file}',
    en: 'A disk read or write failed ({code}), so the database cannot be opened: {file}',
  },
  'store.error.openedReadonly': {
    'zh-CN': '数据库是以只读方式打开的，不能保存。',
    en: 'The database was opened read-only; nothing can be saved.',
  },
  'store.error.corrupt': {
    'zh-CN': '数据库已损坏，这次操作没有保存。请联系技术支持。',
    en: 'The database is damaged; this was not saved. Contact support.',
  },
  'store.error.locked': {
    'zh-CN': '数据库正被另一个程序占用（例如另开的助餐窗口），这次操作没有保存。请关闭它后重试。',
    en: 'Another program (such as a second Zhucan window) is using the database; this was not saved. Close it and try again.',
  },
  'store.error.full': {
    'zh-CN': '磁盘已满，这次操作没有保存。请清理磁盘空间后重试。',
    en: 'The disk is full; this was not saved. Free some disk space and try again.',
  },
  'store.error.readonly': {
    'zh-CN': '数据库是只读的，这次操作没有保存。',
    en: 'The database is read-only; this was not saved.',
  },
  'store.error.io': {
    'zh-CN': '读写磁盘出错（{code}），这次操作没有保存。请检查磁盘后重试。',
    en: 'A disk read or write failed ({code}); this was not saved. Check the disk and try again.',
  },
} as const satisfies Catalog;
