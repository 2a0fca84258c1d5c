import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { dictionaries, type Language, type MessageKey } from './dictionary';

/** The language in use (zh-CN unless the user switched), kept across visits in localStorage. */

const STORAGE_KEY = 'shaobing.language';

interface LanguageContext {
  readonly language: Language;
  readonly setLanguage: (language: Language) => void;
  /** The text of `key`, with `{name}` placeholders filled from `params`. */
  readonly t: (key: MessageKey, params?: Readonly<Record<string, string | number>>) => string;
  /** The zh-CN or English form of a name the API gives in both (English falls back to Chinese). */
  readonly pick: (zh: string | null | undefined, en: string | null | undefined) => string;
}

const Context = createContext<LanguageContext | null>(null);

export function initialLanguage(): Language {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh-CN';
  } catch {
    return 'zh-CN';
  }
}

export function LanguageProvider({ children }: { children: ReactNode }) {
  const [language, setState] = useState<Language>(initialLanguage);
  const setLanguage = useCallback((next: Language) => {
    setState(next);
    document.documentElement.lang = next;
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // private mode: the choice lasts for this page only
    }
  }, []);
  const value = useMemo<LanguageContext>(() => {
    const dictionary = dictionaries[language];
    return {
      language,
      setLanguage,
      t: (key, params) =>
        params === undefined
          ? dictionary[key]
          : dictionary[key].replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`)),
      pick: (zhName, enName) => (language === 'en' ? (enName ?? zhName ?? '') : (zhName ?? enName ?? '')),
    };
  }, [language, setLanguage]);
  return <Context.Provider value={value}>{children}</Context.Provider>;
}

export function useLanguage(): LanguageContext {
  const context = useContext(Context);
  if (!context) throw new Error('useLanguage outside LanguageProvider');
  return context;
}
