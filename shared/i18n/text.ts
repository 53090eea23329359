/**
 * The one i18n layer of Zhucan: every string a person reads goes through `t()`.
 * Chinese (zh-CN) first, English second. Each subsystem keeps its own catalog file beside this one
 * (catalog-*.ts) and registers it in catalogs.ts, so no two modules edit the same table.
 */
export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

/** A message in both languages. `{name}` marks a parameter. */
export interface Bilingual {
  readonly 'zh-CN': string;
  readonly en: string;
}

export type Catalog = Readonly<Record<string, Bilingual>>;

export type Params = Readonly<Record<string, string | number>>;

/** Fills `{name}` placeholders; a missing parameter stays visible as `{name}` rather than vanishing. */
export function fill(template: string, params: Params = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => {
    const value = params[key];
    return value === undefined ? whole : String(value);
  });
}

/** A message with its key and parameters, rendered later in whichever language the reader wants. */
export interface Message {
  readonly key: string;
  readonly params?: Params;
}

export function message(key: string, params?: Params): Message {
  return params === undefined ? { key } : { key, params };
}
