/**
 * Policy at the hub and down to the kiosk: checking a draft version, simulating it on a past month
 * (hub.sim.*), a kiosk's signed pull of the policy package (hub.down.*), and the kiosk applying what
 * came down (downlink.*).
 */
import type { Catalog } from './text.js';

export const hubPolicyCatalog: Catalog = {
  'hub.sim.draftWhat': { 'zh-CN': '政策草稿', en: 'the policy draft' },
  'hub.sim.draftProblems': { 'zh-CN': '政策草稿有 {count} 处需要修改', en: 'The policy draft has {count} problem(s) to fix' },
  'hub.sim.version.next': {
    'zh-CN': '新版本号应为 {expected}（已发布的最新版本加 1），而不是 {version}',
    en: 'The new version must be {expected} (the latest published version + 1), not {version}',
  },
  'hub.sim.version.taken': {
    'zh-CN': '第 {version} 版已经发布，发布后不能修改；新版本号应为 {expected}',
    en: 'Version {version} is already published and cannot change; the new version is {expected}',
  },
  'hub.sim.effective.notFuture': {
    'zh-CN': '生效日期 {date} 必须晚于今天（{today}）：从过去生效会改变已统计的餐次和已结算的月份',
    en: 'The effective date {date} must be after today ({today}): starting in the past would re-price meals already counted and months already settled',
  },
  'hub.sim.effective.beforeCurrent': {
    'zh-CN': '生效日期 {date} 必须晚于第 {version} 版的生效日期 {from}',
    en: 'The effective date {date} must be after the start of version {version} ({from})',
  },
  'hub.sim.monthShape': { 'zh-CN': '月份格式为 YYYY-MM，例如 2026-10', en: 'A month is written YYYY-MM, e.g. 2026-10' },

  'hub.down.badRequest': {
    'zh-CN': '请求缺少设备签名，或签名格式不对（需要 {headers}）',
    en: 'The request lacks the device signature, or it is malformed ({headers} are needed)',
  },
  'hub.down.unknownDevice': { 'zh-CN': '没有接入编号为“{deviceId}”的设备', en: 'No device "{deviceId}" is enrolled' },
  'hub.down.badSignature': { 'zh-CN': '设备签名无效', en: 'The device signature does not verify' },
  'hub.down.revoked': { 'zh-CN': '此设备已于 {at}（UTC）被区里停用', en: 'This device was revoked by the district at {at} (UTC)' },
  'hub.down.clockSkew': {
    'zh-CN': '设备时钟与服务器相差 {minutes} 分钟，超过允许的 {max} 分钟，请校准本机时间',
    en: 'The device clock is {minutes} minutes off the hub, more than the {max} allowed: set the kiosk clock right',
  },
  'hub.down.noKey': { 'zh-CN': '本区尚无签名密钥，暂时无法下发政策', en: 'The district has no signing key yet, so nothing can be sent down' },

  'downlink.what': { 'zh-CN': '政策更新包', en: 'the policy package' },
  'downlink.policyWhat': { 'zh-CN': '更新包中的第 {index} 份政策', en: 'policy {index} of the package' },
  'downlink.signatureShape': { 'zh-CN': '签名应为 64 字节的 Base64', en: 'A signature is 64 bytes in base64' },
  'downlink.badSignature': {
    'zh-CN': '政策更新包的区签名无效（被改动，或不是本区发出的），未做任何更改',
    en: 'The policy package is not signed by the district (changed on the way, or not ours): nothing was changed',
  },
  'downlink.wrongDevice': {
    'zh-CN': '政策更新包是发给设备 {to} 的，本机是 {us}，未做任何更改',
    en: 'The policy package is for device {to}, this kiosk is {us}: nothing was changed',
  },
  'downlink.stale': {
    'zh-CN': '政策更新包（第 {got} 版）不比本机已应用的第 {applied} 版新，未做任何更改',
    en: 'The policy package (version {got}) is not newer than the one applied here ({applied}): nothing was changed',
  },
  'downlink.conflict': {
    'zh-CN': '本机已有政策 {id} 第 {version} 版且内容不同；已生效的版本不能修改，整个更新包未安装，请联系区里',
    en: 'This kiosk holds policy {id} version {version} with other content; a version never changes, so nothing in the package was installed: contact the district',
  },
  'downlink.notSetUp': { 'zh-CN': '本机尚未设置设备编号，无法接收政策更新', en: 'This kiosk has no device id yet, so it cannot take policy updates' },
  'downlink.unreachable': { 'zh-CN': '连不上区平台：{detail}', en: 'Cannot reach the district hub: {detail}' },
  'downlink.notJson': { 'zh-CN': '区平台的应答无法识别（HTTP {status}）', en: 'The hub answered with something unreadable (HTTP {status})' },
  'downlink.tooLarge': { 'zh-CN': '区平台的应答过大（HTTP {status}），未读取', en: 'The hub answer is too large (HTTP {status}) and was not read' },
  'downlink.hubRefused': { 'zh-CN': '区平台拒绝了请求（HTTP {status}，{kind}）：{text}', en: 'The hub refused (HTTP {status}, {kind}): {text}' },
};
