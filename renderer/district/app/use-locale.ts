/**
 * The screen's language: Chinese first, English on request, remembered in this browser (a staff
 * member who reads English should not have to switch on every visit). Only 'zh-CN' or 'en' is ever
 * read back from storage.
 */
import { useCallback, useState } from 'react';
import { LOCALES } from '../../../shared/i18n/text.js';
import type { Locale } from '../../../shared/i18n/text.js';

const KEY = 'zhucan.district.locale';

function stored(): Locale {
  try {
    const value = window.localStorage.getItem(KEY);
    return LOCALES.find((l) => l === value) ?? 'zh-CN';
  } catch {
    return 'zh-CN';
  }
}

export function useLocale(): { locale: Locale; toggle: () => void } {
  const [locale, setLocale] = useState<Locale>(stored);
  const toggle = useCallback(() => {
    setLocale((before) => {
      const next: Locale = before === 'zh-CN' ? 'en' : 'zh-CN';
      try {
        window.localStorage.setItem(KEY, next);
      } catch {
        // Storage refused (private mode, policy): the choice lasts for this page only.
      }
      return next;
    });
  }, []);
  return { locale, toggle };
}
