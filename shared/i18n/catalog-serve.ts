import type { Catalog } from './text.js';

/**
 * Browser mode (`zhucan kiosk serve`): the kiosk API over HTTP on 127.0.0.1 — what the server answers
 * a request it will not carry, what the browser side says of a reply it cannot use, and
 * what the command prints.
 */
export const serveCatalog = {
  // —— answers of the HTTP transport, shown by the screen like any ApiError (api.offline, shared
  // with the IPC transport, is in catalog-api.ts) ——
  'api.badJson': { 'zh-CN': '请求内容不是有效的 JSON', en: 'The request body is not valid JSON' },
  'api.http.unauthorized': {
    'zh-CN': '此页面的访问凭证已失效（后台可能已重新启动）：请打开 zhucan kiosk serve 最新打印的地址',
    en: 'This page is no longer let in (the back end may have restarted): open the address zhucan kiosk serve printed last',
  },
  'api.http.refused': {
    'zh-CN': '请求被拒绝：只接受本机助餐页面发出的请求',
    en: 'Request refused: only the Zhucan page served on this computer may call the back end',
  },
  'api.http.tooLarge': { 'zh-CN': '请求内容太大（上限 {max} MB）', en: 'The request is too large (limit {max} MB)' },
  'api.http.notFound': { 'zh-CN': '没有这个地址', en: 'No such address' },
  'api.http.badReply': {
    'zh-CN': '后台的回复格式不对（程序错误），此操作可能没有完成',
    en: 'The back end answered in an unexpected form (a bug): this may not have been done',
  },
  'api.http.internal': {
    'zh-CN': '后台内部错误（程序错误），此操作可能没有完成',
    en: 'Internal error in the back end (a bug): this may not have been done',
  },
  'api.http.reply': { 'zh-CN': '后台的回复', en: "the back end's reply" },

  // —— the page shown to a browser without the launch's token ——
  'serve.page.title': { 'zh-CN': '请打开启动时打印的地址', en: 'Open the address printed at launch' },
  'serve.page.noToken': {
    'zh-CN': '此页面只对打开过 zhucan kiosk serve 所打印地址的浏览器开放。请在运行该命令的窗口中找到以 /open?token= 结尾的地址并打开它。',
    en: 'This page opens only in a browser that has opened the address printed by zhucan kiosk serve. Find the address ending in /open?token=… in the window running that command, and open it.',
  },
  'serve.page.badToken': {
    'zh-CN': '这个地址已失效（每次启动都会生成新地址）。请打开 zhucan kiosk serve 最新打印的地址。',
    en: 'This address is no longer valid (every launch makes a new one). Open the address zhucan kiosk serve printed last.',
  },
  'serve.page.notFound': { 'zh-CN': '找不到此页面', en: 'Page not found' },

  // —— the command ——
  'serve.listening': { 'zh-CN': '助餐收银页面已启动：{url}', en: 'The Zhucan kiosk is being served at {url}' },
  'serve.hint': {
    'zh-CN': '请在本机的浏览器中打开上面的地址（只有本机能访问；每次启动地址都会变，请勿分享）',
    en: 'Open this address in a browser on this computer (only this computer can reach it; it changes at every launch: do not share it)',
  },
  'serve.stopHint': { 'zh-CN': '按 Ctrl+C 停止', en: 'Press Ctrl+C to stop' },
  'serve.stopped': { 'zh-CN': '已停止', en: 'Stopped' },
  'serve.building': {
    'zh-CN': '还没有构建收银页面，正在构建（npm run build:renderer）…',
    en: 'The kiosk screens are not built yet: building them (npm run build:renderer)…',
  },
  'serve.buildFailed': {
    'zh-CN': '收银页面构建失败：请在 {dir} 中运行 npm run build:renderer 并查看错误',
    en: 'Building the kiosk screens failed: run npm run build:renderer in {dir} and read its errors',
  },
  'serve.portInUse': {
    'zh-CN': '端口 {port} 已被占用：用 --port 选另一个，或 --port 0 让系统选',
    en: 'Port {port} is in use: choose another with --port, or --port 0 to take a free one',
  },
  'serve.listenFailed': { 'zh-CN': '无法在 {host}:{port} 上启动：{reason}', en: 'Cannot listen on {host}:{port}: {reason}' },
} as const satisfies Catalog;
