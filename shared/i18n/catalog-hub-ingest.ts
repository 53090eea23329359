/** The hub's ingest: uploads, re-pricing and what it flags; and the policy store it prices with. */
import type { Catalog } from './text.js';

export const hubIngestCatalog: Catalog = {
  'hub.ingest.what.batch': { 'zh-CN': '上传批次', en: 'The upload batch' },
  'hub.ingest.what.record': { 'zh-CN': '第 {seq} 号记录的内容', en: 'The body of record {seq}' },
  'hub.ingest.unreadable': { 'zh-CN': '上传内容不是有效的 JSON，未予接收', en: 'The upload is not valid JSON and was not taken' },
  'hub.ingest.tooLargeBytes': { 'zh-CN': '上传内容超过 {max} 字节，未予接收', en: 'The upload is larger than {max} bytes and was not taken' },
  'hub.ingest.tooLarge': { 'zh-CN': '一批最多 {max} 条记录，本批有 {count} 条，未予接收', en: 'A batch holds at most {max} records; this one has {count} and was not taken' },
  'hub.ingest.unknownDevice': { 'zh-CN': '设备“{deviceId}”未在本中心接入，请先用接入码接入', en: 'The device "{deviceId}" is not enrolled with this hub: enrol it with a code first' },
  'hub.ingest.revoked': { 'zh-CN': '设备“{deviceId}”已被区里停用，上传不予接收', en: 'The device "{deviceId}" was revoked by the district; its uploads are not taken' },
  'hub.ingest.badSignature': {
    'zh-CN': '第 {from}–{to} 号记录的签名与设备登记的密钥不符，未予接收（已记为异常）',
    en: 'The signature of records {from}–{to} does not match the device’s registered key; not taken (flagged as an anomaly)',
  },
  'hub.ingest.notConsecutive.seq': { 'zh-CN': '批内记录不连续：第 {index} 条应为第 {expected} 号，实为第 {found} 号', en: 'The records are not consecutive: entry {index} should be seq {expected} but is {found}' },
  'hub.ingest.notConsecutive.device': { 'zh-CN': '第 {seq} 号记录属于另一台设备（{found}），不属于“{deviceId}”', en: 'Record {seq} belongs to another device ({found}), not "{deviceId}"' },
  'hub.ingest.notConsecutive.link': { 'zh-CN': '第 {seq} 号记录没有接在上一条记录之后（前一哈希不符）', en: 'Record {seq} does not link to the record before it (its previous hash differs)' },
  'hub.ingest.badHash': { 'zh-CN': '第 {seq} 号记录的哈希与内容不符：记录在封存后被改动过', en: 'The hash of record {seq} does not match its content: it was changed after it was sealed' },
  'hub.ingest.gap': {
    'zh-CN': '记录缺失：本中心已收到第 {head} 号，本批从第 {from} 号开始；请从第 {next} 号起上传',
    en: 'Records are missing: the hub holds up to seq {head} and this batch starts at {from}; upload from seq {next}',
  },
  'hub.ingest.tampered': {
    'zh-CN': '第 {seq} 号记录与本中心已收到的同号记录内容不同（疑似篡改，已记为异常）',
    en: 'Record {seq} differs from the record of that number the hub already holds (possible tampering, flagged as an anomaly)',
  },
  'hub.ingest.forked': {
    'zh-CN': '第 {seq} 号记录没有接在本中心已收到的第 {head} 号记录之后（账本被改写，已记为异常）',
    en: 'Record {seq} does not link to record {head} the hub holds (the ledger was rewritten; flagged as an anomaly)',
  },
  'hub.ingest.badRecord': { 'zh-CN': '第 {seq} 号记录的内容无效', en: 'Record {seq} is not valid' },
  'hub.ingest.badRecord.checkinNoElder': { 'zh-CN': '第 {seq} 号记录是就餐登记，却没有老人编号', en: 'Record {seq} is a check-in that names no elder' },
  'hub.ingest.badRecord.saleWithElder': { 'zh-CN': '第 {seq} 号记录是散客售餐，却带有老人编号', en: 'Record {seq} is a sale to anyone but names an elder' },
  'hub.ingest.badRecord.voidTarget': {
    'zh-CN': '第 {seq} 号作废记录指向第 {target} 号，但那不是本设备的一笔餐',
    en: 'Void record {seq} points at seq {target}, which is not a meal of this device',
  },
  'hub.ingest.anomaly.recordsLine': { 'zh-CN': '共 {count} 条记录', en: '{count} records' },
  'hub.policy.what': { 'zh-CN': '补贴政策', en: 'The subsidy policy' },
  'hub.policy.invalid': { 'zh-CN': '补贴政策有误（{count} 处），未发布', en: 'The subsidy policy has {count} problem(s) and was not published' },
  'hub.policy.conflict': {
    'zh-CN': '政策“{policyId}”第 {version} 版已发布过且内容不同；已发布的版本不能修改，请用新的版本号',
    en: 'Policy "{policyId}" version {version} was already published with other content; a published version never changes: use a new version number',
  },
  'hub.policy.unknownDistrict': { 'zh-CN': '没有这个区', en: 'No such district' },
};
