/**
 * UI text: Vietnamese first, English second. `t(key, params)` is typed by the Vietnamese dictionary,
 * and the English one must have exactly the same keys. Vocabulary labels (categories, genders...)
 * come from @nang-tam/domain, which carries both languages.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { labelOf, type Term } from '@nang-tam/domain';
import type { MessageKey } from './vi';
import { viPublic } from './vi-public';

export type Locale = 'vi' | 'en';
export type { MessageKey };
export type TParams = Record<string, string | number>;
export type TFunction = (key: MessageKey, params?: TParams) => string;

// English is its own chunk, loaded only when chosen (docs/decisions/0044): a Vietnamese first visit
// does not download it. Until it arrives, translate() falls back to Vietnamese. The entry holds only
// the public pages' Vietnamese texts (vi-public.ts); the signed-in app brings the full dictionary
// (`addDictionary` in app/App.tsx, docs/decisions/0060).
const DICTIONARIES: Partial<Record<Locale, Partial<Record<MessageKey, string>>>> = { vi: viPublic };

/** Puts a full dictionary in place (the signed-in app's chunk carries the Vietnamese one). */
export function addDictionary(locale: Locale, dictionary: Record<MessageKey, string>): void {
  DICTIONARIES[locale] = { ...DICTIONARIES[locale], ...dictionary };
}

/** Called with the UI language now and on every change (dayjs's locale, set by the signed-in app). */
type LocaleListener = (l: Locale) => void;
const localeListeners = new Set<LocaleListener>();
export function onLocaleChange(fn: LocaleListener): void {
  localeListeners.add(fn);
  fn(currentLocale);
}

/** Loads a locale's dictionary (English on demand); resolves once `t` can use it. */
export async function loadLocale(locale: Locale): Promise<void> {
  if (DICTIONARIES[locale]) return;
  if (locale === 'en') DICTIONARIES.en = { ...(await import('./en')).en };
}
const STORAGE_KEY = 'nangtam.locale';

function readStoredLocale(): Locale | null {
  try {
    const v = localStorage.getItem(STORAGE_KEY);
    return v === 'vi' || v === 'en' ? v : null;
  } catch {
    return null;
  }
}

let currentLocale: Locale = readStoredLocale() ?? 'vi';

export function hasStoredLocale(): boolean {
  return readStoredLocale() !== null;
}

export function translate(locale: Locale, key: MessageKey, params?: TParams): string {
  const template = DICTIONARIES[locale]?.[key] ?? DICTIONARIES.vi?.[key] ?? key;
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}

/** For code outside React (the API client's messages). */
export function t(key: MessageKey, params?: TParams): string {
  return translate(currentLocale, key, params);
}
export function getLocale(): Locale {
  return currentLocale;
}

/** BCP-47 tag for Intl formatting of the UI language. */
export function intlTag(locale: Locale): string {
  return locale === 'vi' ? 'vi-VN' : 'en-GB';
}

interface I18nValue {
  locale: Locale;
  setLocale: (l: Locale) => void;
  t: TFunction;
  /** Label of a vocabulary code in the UI language. */
  label: (list: readonly Term[], code: string | null | undefined) => string;
  /** Numbers grouped the vi-VN way (1.234.567) — or en in English. */
  formatNumber: (n: number) => string;
}

const I18nContext = createContext<I18nValue | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(currentLocale);

  const applyLocale = useCallback((l: Locale) => {
    currentLocale = l;
    for (const fn of localeListeners) fn(l);
    try {
      localStorage.setItem(STORAGE_KEY, l);
    } catch {
      /* private mode: the choice lasts for this page only */
    }
    setLocaleState(l);
  }, []);
  const setLocale = useCallback(
    (l: Locale) => {
      void loadLocale(l).then(() => applyLocale(l));
    },
    [applyLocale],
  );

  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);

  const value = useMemo<I18nValue>(() => {
    const nf = new Intl.NumberFormat(intlTag(locale));
    return {
      locale,
      setLocale,
      t: (key, params) => translate(locale, key, params),
      label: (list, code) => labelOf(list, code, locale),
      formatNumber: (n) => nf.format(n),
    };
  }, [locale, setLocale]);

  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18nValue {
  const v = useContext(I18nContext);
  if (!v) throw new Error('useI18n outside I18nProvider');
  return v;
}
