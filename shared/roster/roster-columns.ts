// The roster file's column words, shared: the hub reads district roster files with the same column
// words as the kiosk (docs/hub-roster.md).
/**
 * The columns of a roster file and the header words that name them. Headers are matched loosely —
 * case, surrounding and inner spaces, full-width letters and brackets, a trailing 「*」 or 「(必填)」 —
 * because the files come from district clerks' own spreadsheets. Export writes the first (Chinese)
 * name of each column, so a person reading an export and a person filling an import template see
 * the same words.
 */
export const ROSTER_FIELDS = [
  'name',
  'idNumber',
  'cards',
  'statuses',
  'statusFrom',
  'statusTo',
  'hukouRegion',
  'residenceRegion',
  'careHome',
  'phone',
  'dietAlert',
  'livesAlone',
  'regular',
] as const;

export type RosterField = (typeof ROSTER_FIELDS)[number];

export const REQUIRED_FIELDS: readonly RosterField[] = ['name', 'idNumber'];

/** The first name is the Chinese header export writes; the rest are accepted on import. */
export const FIELD_HEADERS: Readonly<Record<RosterField, readonly string[]>> = {
  name: ['姓名', 'name', '老人姓名'],
  // Not a bare "ID": in other systems' exports that is a record number, not the person's number.
  idNumber: ['身份证号', '身份证', '身份证号码', '公民身份号码', '证件号码', 'id_number', 'id_no', 'id_card'],
  cards: ['卡号', 'card', 'cards', 'card_uid', '卡'],
  statuses: ['类别', 'status', 'statuses', '人员类别'],
  statusFrom: ['类别起始', 'status_from', '类别开始'],
  statusTo: ['类别截止', 'status_to', '类别结束'],
  hukouRegion: ['户籍地', 'hukou_region', 'hukou', '户籍'],
  residenceRegion: ['常住地', 'residence_region', 'residence', '居住地'],
  careHome: ['养老机构', 'care_home', '入住养老机构'],
  phone: ['电话', 'phone', '联系电话', '手机'],
  dietAlert: ['饮食提示', 'diet_alert', 'diet'],
  livesAlone: ['独居', 'lives_alone'],
  regular: ['常客', 'regular'],
};

const REQUIRED_MARK = /(\*|\(必填\)|\(required\))$/; // after NFKC, so （必填） is (必填)
const SEPARATORS = /[\s_-]+/g;

/**
 * NFKC turns full-width Latin letters, digits and brackets into ASCII (ＩＤ → ID, （ → ( );
 * spaces, hyphens and underscores all count as one underscore, so "ID number" = "id_number".
 */
export function normaliseHeader(raw: string): string {
  return raw.normalize('NFKC').trim().toLowerCase().replace(REQUIRED_MARK, '').trim().replace(SEPARATORS, '_');
}

// Built once at load: header words are compared after the same normalisation.
const BY_HEADER: ReadonlyMap<string, RosterField> = new Map(
  ROSTER_FIELDS.flatMap((field) => FIELD_HEADERS[field].map((h) => [normaliseHeader(h), field] as const)),
);

export function fieldOfHeader(raw: string): RosterField | undefined {
  return BY_HEADER.get(normaliseHeader(raw));
}

/**
 * The first cell of every roster export starts with this. An export holds masked ID numbers, so it
 * must never be taken for a roster to import: the importer refuses a file that starts with it, and a
 * person opening the export in Excel reads the warning in cell A1.
 */
export const EXPORT_MARK = '#助餐花名册导出';
