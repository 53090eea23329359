/**
 * The screens' side of the one i18n layer (shared/i18n): the locale in a React context and a `t`
 * that renders catalog keys and back-end Messages alike. No string a person reads is written in a
 * component; every one is a key in a catalog.
 */
import { createContext, useContext, useEffect, useMemo } from 'react';
import type { ReactNode } from 'react';
import { render, t as translate } from '../../shared/i18n/catalogs.js';
import type { Locale, Message, Params } from '../../shared/i18n/text.js';
import { formatMoney } from '../../shared/money.js';

export interface Translator {
  readonly locale: Locale;
  // Function-valued properties, not methods: screens destructure them (`const { t } = useT()`).
  readonly t: (key: string, params?: Params) => string;
  readonly msg: (m: Message) => string;
  /** 12.00元 / ¥12.00 — money is integer fen everywhere until it is shown. */
  readonly yuan: (fen: number) => string;
}

function translator(locale: Locale): Translator {
  return {
    locale,
    t: (key, params) => translate(key, params, locale),
    msg: (m) => render(m, locale),
    yuan: (fen) => formatMoney(fen, locale),
  };
}

const LocaleContext = createContext<Translator>(translator('zh-CN'));

export function LocaleProvider({ locale, children }: { locale: Locale; children: ReactNode }) {
  const value = useMemo(() => translator(locale), [locale]);
  // The page's language follows the screen's (WCAG 3.1.1): screen readers and fonts pick by it.
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  return <LocaleContext.Provider value={value}>{children}</LocaleContext.Provider>;
}

export function useT(): Translator {
  return useContext(LocaleContext);
}
