/**
 * Names for the ids the hub's figures carry: meal periods, age bands, funding sources. A policy may
 * name its own periods and budgets; the common ones have words in the catalog, any other id is
 * shown as it is (never blank, never a raw catalog key).
 */
type Translate = (key: string, params?: Readonly<Record<string, string | number>>) => string;

function named(t: Translate, key: string, fallback: string): string {
  const text = t(key);
  return text === key ? fallback : text;
}

export function periodName(t: Translate, periodId: string): string {
  return named(t, `district.period.${periodId}`, periodId);
}

/** The kiosk's catalog already names the age bands (ui.ageBand.*); 'none' is a full-price sale to anyone. */
export function ageBandName(t: Translate, band: string): string {
  return band === 'none' ? t('district.ageBand.none') : named(t, `ui.ageBand.${band}`, band);
}

export function sourceName(t: Translate, source: string): string {
  return named(t, `district.source.${source}`, source);
}
