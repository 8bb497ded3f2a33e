import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { enUS } from './en-US.ts';
import { zhCN, type MessageKey, type Messages } from './zh-CN.ts';

export type { MessageKey } from './zh-CN.ts';

/** The languages the platform speaks; Chinese first. */
export type Locale = 'zh-CN' | 'en-US';

const dictionaries: Record<Locale, Messages> = { 'zh-CN': zhCN, 'en-US': enUS };
const STORAGE_KEY = 'shangliang.locale';

/** Values filled into `{name}` placeholders. */
export type Vars = Record<string, string | number>;
/** Translates a key, filling its placeholders. */
export type Translate = (key: MessageKey, vars?: Vars) => string;

interface LocaleState {
  locale: Locale;
  setLocale: (l: Locale) => void;
  t: Translate;
}

const LocaleContext = createContext<LocaleState | null>(null);

function initialLocale(): Locale {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (saved === 'zh-CN' || saved === 'en-US') return saved;
  } catch {
    // Storage may be unavailable (private mode): fall back to Chinese.
  }
  return 'zh-CN';
}

/** Fills `{name}` placeholders; a missing value leaves the placeholder visible to be noticed. */
export function format(template: string, vars?: Vars): string {
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m));
}

/** Applies a locale to the page outside React: the html lang attribute and dayjs. */
function applyLocale(locale: Locale): void {
  document.documentElement.lang = locale;
  dayjs.locale(locale === 'zh-CN' ? 'zh-cn' : 'en');
}

/** Holds the chosen language, persists it, and keeps `<html lang>` and dayjs in step. */
export function LocaleProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(() => {
    const l = initialLocale();
    applyLocale(l);
    return l;
  });
  useEffect(() => applyLocale(locale), [locale]);
  const setLocale = useCallback((l: Locale) => {
    try {
      localStorage.setItem(STORAGE_KEY, l);
    } catch {
      // Not persisted; the choice still holds for this visit.
    }
    setLocaleState(l);
  }, []);
  const t = useCallback<Translate>((key, vars) => format(dictionaries[locale][key] ?? key, vars), [locale]);
  const value = useMemo(() => ({ locale, setLocale, t }), [locale, setLocale, t]);
  return <LocaleContext.Provider value={value}>{children}</LocaleContext.Provider>;
}

/** The current language, its setter and the translate function. */
export function useLocale(): LocaleState {
  const v = useContext(LocaleContext);
  if (!v) throw new Error('useLocale outside LocaleProvider');
  return v;
}

/** Shorthand for the translate function. */
export function useT(): Translate {
  return useLocale().t;
}

/** Whether a string is a key of the dictionary (for codes coming from the server). */
export function isMessageKey(k: string): k is MessageKey {
  return k in zhCN;
}
