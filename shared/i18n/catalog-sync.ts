/** The kiosk's link to the district hub: enrolment and the uploader. */
import type { Catalog } from './text.js';

export const syncCatalog: Catalog = {
  // The hub's address (`zhucan enroll --hub`).
  'sync.url.bad': { 'zh-CN': '区平台地址无效：{url}（应为 https://… 形式）', en: 'Not a valid district hub address: {url} (expected https://…)' },
  'sync.url.credentials': { 'zh-CN': '区平台地址中不能包含用户名或密码', en: 'The hub address must not contain a user name or password' },
  'sync.url.plainHttp': {
    'zh-CN': '拒绝用不加密的 http:// 连接 {host}：上传的是涉及财政补贴的数据，本机以外必须用 https://（确需如此请加 --insecure）',
    en: 'Refusing plain http:// to {host}: uploads carry claims on public money, so anything off this computer needs https:// (add --insecure if you really must)',
  },

  // Enrolment.
  'sync.enrol.already': {
    'zh-CN': '本机已接入区平台 {hub}（{canteen}，{at}）。如需重新接入（换密钥或换平台），请加 --replace',
    en: 'This kiosk is already enrolled with {hub} ({canteen}, {at}). To enrol again (new key or another hub), add --replace',
  },
  'sync.enrol.unreachable': { 'zh-CN': '无法连接区平台 {hub}：{detail}。请检查网络和地址后重试（接入码未被使用）', en: 'Cannot reach the district hub {hub}: {detail}. Check the network and address and try again (the code was not used)' },
  'sync.enrol.refused': { 'zh-CN': '区平台拒绝接入：{hub}', en: 'The district hub refused the enrolment: {hub}' },
  'sync.enrol.wrongDevice': { 'zh-CN': '区平台登记的设备号 {found} 与本机 {expected} 不符，未保存', en: 'The hub registered device {found}, not this kiosk ({expected}); nothing saved' },
  'sync.enrol.keyNotSaved': {
    'zh-CN': '区平台已接受，但本机密钥无法保存到 {where}：{detail}。接入码已用掉：请区里删除该设备登记并发新接入码',
    en: 'The hub accepted, but the device key could not be saved to {where}: {detail}. The code is spent: ask the district to remove the registration and issue a new code',
  },
  'sync.enrol.done': { 'zh-CN': '已接入区平台 {hub}：{canteen}（{district}），设备 {deviceId}', en: 'Enrolled with {hub}: {canteen} ({district}), device {deviceId}' },
  'sync.enrol.keyAt': { 'zh-CN': '设备私钥保存在 {where}（请勿复制或删除）', en: 'The device private key is in {where} (do not copy or delete it)' },

  // Why an upload try failed (offline: retried with backoff).
  'sync.problem.unreachable': { 'zh-CN': '连不上区平台：{detail}', en: 'Cannot reach the district hub: {detail}' },
  'sync.problem.hubBusy': { 'zh-CN': '区平台暂时无法处理（{status}）：{hub}', en: 'The district hub cannot take it now ({status}): {hub}' },
  // Why uploading stopped (refused: needs a person; retried hourly).
  'sync.problem.hubAnswer': { 'zh-CN': '区平台的答复无法处理（{status}）：{hub}', en: 'Cannot act on the district hub’s answer ({status}): {hub}' },
  'sync.problem.headMismatch': {
    'zh-CN': '区平台确认到第 {seq} 条，但与本机账本不符：请联系区里核对',
    en: 'The hub acknowledged up to record {seq}, which does not match this kiosk’s ledger: ask the district to check',
  },
  'sync.problem.resumeLoop': { 'zh-CN': '区平台反复要求从第 {seq} 条续传，已停止：请联系区里', en: 'The hub keeps asking to resume from record {seq}; stopped: contact the district' },
  'sync.problem.localChain': {
    'zh-CN': '本机账本在第 {seq} 条之后与已上传的部分接不上（数据文件可能被改动）：请运行 zhucan verify 并联系维护人员',
    en: 'This kiosk’s ledger no longer continues from record {seq}, already uploaded (the data file may have been changed): run zhucan verify and call for service',
  },
  'sync.problem.linkUnreadable': {
    'zh-CN': '区平台接入信息无法读取（数据文件可能被改动）：请用 zhucan enroll --replace 重新接入',
    en: 'The hub enrolment record cannot be read (the data file may have been changed): enrol again with zhucan enroll --replace',
  },
  'sync.problem.key.missing': {
    'zh-CN': '设备密钥文件不见了：{where}。不会上传。请从备份恢复该文件，或向区里申请新接入码后 zhucan enroll --replace',
    en: 'The device key file is missing: {where}. Nothing is uploaded. Restore it from a backup, or get a new code from the district and run zhucan enroll --replace',
  },
  'sync.problem.key.unreadable': {
    'zh-CN': '设备密钥文件无法读取：{where}。不会上传。请恢复该文件，或重新接入',
    en: 'The device key file cannot be read: {where}. Nothing is uploaded. Restore it, or enrol again',
  },
  'sync.problem.key.mismatch': {
    'zh-CN': '设备密钥文件 {where} 与区平台登记的密钥不符。不会上传。请放回原密钥文件，或重新接入',
    en: 'The device key in {where} is not the one registered with the hub. Nothing is uploaded. Put the original key file back, or enrol again',
  },
  'sync.problem.internal': { 'zh-CN': '上传出错：{detail}', en: 'Upload failed: {detail}' },

  // The hub's refusals (shared/hub-api/upload.ts UPLOAD_REFUSALS), with what to do.
  'sync.refused.badRequest': { 'zh-CN': '区平台认为上传格式有误：{hub}。请升级本机软件', en: 'The hub found the upload malformed: {hub}. Update the kiosk software' },
  'sync.refused.tooLarge': { 'zh-CN': '上传过大被拒：{hub}。请升级本机软件', en: 'Upload refused as too large: {hub}. Update the kiosk software' },
  'sync.refused.unknownDevice': { 'zh-CN': '区平台不认识本机：{hub}。请向区里申请新接入码并重新接入', en: 'The hub does not know this kiosk: {hub}. Get a new code from the district and enrol again' },
  'sync.refused.revoked': { 'zh-CN': '本机已被区里停用：{hub}。请联系区民政局', en: 'The district has revoked this kiosk: {hub}. Contact the district' },
  'sync.refused.badSignature': {
    'zh-CN': '签名未通过区平台验证：{hub}。本机密钥可能不是登记的那把：请联系区里并重新接入',
    en: 'The hub could not verify the signature: {hub}. The key may not be the registered one: contact the district and enrol again',
  },
  'sync.refused.notConsecutive': { 'zh-CN': '上传的记录不连续：{hub}。请运行 zhucan verify 并联系维护人员', en: 'The uploaded records are not one run: {hub}. Run zhucan verify and call for service' },
  'sync.refused.badHash': { 'zh-CN': '有记录的内容与其哈希不符（被改动过）：{hub}。请运行 zhucan verify 并联系区里', en: 'A record does not match its hash (it was edited): {hub}. Run zhucan verify and contact the district' },
  'sync.refused.gap': { 'zh-CN': '区平台缺少之前的记录：{hub}', en: 'The hub is missing earlier records: {hub}' },
  'sync.refused.tampered': {
    'zh-CN': '区平台已有同编号但内容不同的记录，判定为篡改并已上报：{hub}。请勿改动数据文件，联系区里',
    en: 'The hub holds these record numbers with other content: flagged as tampering: {hub}. Do not touch the data file; contact the district',
  },
  'sync.refused.forked': {
    'zh-CN': '本机账本与区平台已收的不衔接（账本被重写）：{hub}。请勿改动数据文件，联系区里',
    en: 'This ledger does not continue the one the hub holds (it was rewritten): {hub}. Do not touch the data file; contact the district',
  },
  'sync.refused.badRecord': { 'zh-CN': '有记录不符合规定格式：{hub}。请升级本机软件并联系区里', en: 'A record is not valid for its kind: {hub}. Update the kiosk software and contact the district' },

  // `zhucan sync` and the status strip.
  'sync.status.policies.installed': { 'zh-CN': '补贴政策：已安装 {versions}', en: 'Subsidy policy: installed {versions}' },
  'sync.status.policies.upToDate': { 'zh-CN': '补贴政策：已是最新', en: 'Subsidy policy: up to date' },
  'sync.status.policies.failed': { 'zh-CN': '补贴政策未更新：{problem}', en: 'Subsidy policy not updated: {problem}' },
  'sync.status.roster.at': { 'zh-CN': '上次同步区花名册：{at}', en: 'Last district roster sync: {at}' },
  'sync.status.roster.never': { 'zh-CN': '尚未同步区花名册', en: 'The district roster has not been synced yet' },
  'sync.status.roster.updated': {
    'zh-CN': '区花名册：已更新到第 {version} 版（新增 {inserted} 人，更新 {updated} 人，其中 {rekeyed} 人改用区编号；移出本片区 {withdrawn} 人）',
    en: 'District roster: updated to version {version} ({inserted} new, {updated} changed, {rekeyed} of them moved to their district id; {withdrawn} no longer of this area)',
  },
  'sync.status.roster.upToDate': { 'zh-CN': '区花名册：已是最新（第 {version} 版）', en: 'District roster: up to date (version {version})' },
  'sync.status.roster.more': { 'zh-CN': '区花名册还有后续更新，下一轮自动继续', en: 'The district roster has more to come: the next round carries on by itself' },
  'sync.status.roster.aliases': {
    'zh-CN': '已向区平台报告 {count} 位本机登记老人改用的区编号',
    en: 'Reported to the hub the district ids of {count} elders first registered at this kiosk',
  },
  'sync.status.roster.aliasFailed': { 'zh-CN': '本机老人改用区编号的报告未被区平台收下：{problem}', en: 'The hub did not take the report of elders moved to district ids: {problem}' },
  'sync.status.roster.failed': { 'zh-CN': '区花名册未更新：{problem}', en: 'District roster not updated: {problem}' },
  'sync.status.roster.resetHint': {
    'zh-CN': '确认区平台确实从备份恢复过后，运行 zhucan sync --reset-roster --once 重新下载本片区的全部花名册',
    en: 'Once the district confirms the hub was restored from a backup, run zhucan sync --reset-roster --once to take the whole area’s roster again',
  },
  // `zhucan sync --reset-roster` (electron/kiosk/sync/roster-reset.ts).
  'sync.reset.done': {
    'zh-CN': '已将本机区花名册版本从第 {from} 版重置为 0：下次同步将重新下载本片区的全部花名册',
    en: 'The kiosk’s roster version was reset from {from} to 0: the next sync takes the whole area’s roster again',
  },
  'sync.reset.doneDamaged': {
    'zh-CN': '本机区花名册版本记录已损坏，已重置为 0：下次同步将重新下载本片区的全部花名册',
    en: 'The kiosk’s stored roster version was damaged and is now 0: the next sync takes the whole area’s roster again',
  },
  'sync.reset.aliases': {
    'zh-CN': '本机登记老人改用区编号的报告将在下次同步时重新发送',
    en: 'The district ids of elders first registered at this kiosk will be reported again at the next sync',
  },
  'sync.reset.next': {
    'zh-CN': '现在同步请运行 zhucan sync --once（运行中的一体机也会在一小时内自行同步）',
    en: 'To sync now run zhucan sync --once (a running kiosk also does so by itself within the hour)',
  },
  'sync.status.notEnrolled': { 'zh-CN': '未接入区平台：用 zhucan enroll --hub 地址 --code 接入码 接入', en: 'Not enrolled: run zhucan enroll --hub URL --code CODE' },
  'sync.status.hub': { 'zh-CN': '区平台：{hub}（{canteen}，{district}）', en: 'District hub: {hub} ({canteen}, {district})' },
  'sync.status.pending': { 'zh-CN': '待上传 {pending} 条；区平台已确认到第 {seq} 条', en: '{pending} records waiting; the hub has acknowledged up to record {seq}' },
  'sync.status.lastSuccess': { 'zh-CN': '上次成功上传：{at}', en: 'Last successful upload: {at}' },
  'sync.status.never': { 'zh-CN': '尚未成功上传', en: 'No successful upload yet' },
  'sync.status.problem': { 'zh-CN': '问题：{problem}', en: 'Problem: {problem}' },
  'sync.status.refusedSince': {
    'zh-CN': '区平台自 {at} 起拒绝上传，每小时重试一次',
    en: 'The hub has refused uploads since {at}; tried again every hour',
  },
  'sync.status.skew': { 'zh-CN': '本机时钟比区平台{direction} {seconds} 秒', en: 'This kiosk’s clock is {seconds} s {direction} the hub’s' },
  'sync.status.ahead': { 'zh-CN': '快', en: 'ahead of' },
  'sync.status.behind': { 'zh-CN': '慢', en: 'behind' },
  'sync.status.state.idle': { 'zh-CN': '已全部上传', en: 'Everything uploaded' },
  'sync.status.state.sending': { 'zh-CN': '正在上传', en: 'Uploading' },
  'sync.status.state.offline': { 'zh-CN': '连不上区平台，稍后自动重试', en: 'Cannot reach the hub; retrying by itself' },
  'sync.status.state.refused': { 'zh-CN': '上传已停止，需要人工处理', en: 'Uploading stopped: needs a person' },
  'sync.status.state.notEnrolled': { 'zh-CN': '未接入区平台', en: 'Not enrolled' },
  'sync.strip.refused': { 'zh-CN': '区平台：上传已停止，待传 {pending} 条', en: 'District: uploading stopped, {pending} waiting' },
};
