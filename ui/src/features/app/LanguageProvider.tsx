import { createContext, useContext, useEffect, type ReactNode } from "react";
import { ConfigProvider, App as AntApp } from "antd";
import { useQueryClient } from "@tanstack/react-query";
import type { AppInfo } from "../../api/bindings/AppInfo";
import type { Lang } from "../../api/bindings/Lang";
import { usePlatform } from "../../api/platform";
import { antdLocaleFor, applyDayjsLocale, DEFAULT_LANG, messagesFor, MessagesProvider } from "../../i18n";
import { appInfoKey, useAppInfo, useSetLanguage } from "./api";

interface LanguageState {
  lang: Lang;
  /** Saves the language in the core; the UI switches once the core has accepted it. */
  setLang(lang: Lang): Promise<void>;
  pending: boolean;
}

const LanguageContext = createContext<LanguageState>({
  lang: DEFAULT_LANG,
  setLang: async () => {},
  pending: false,
});

// One object for the app's life: a new theme object on every render would make every
// component look its tokens up again. Zero runtime: the components' styles come from
// antd's prebuilt stylesheet (imported in main.tsx) instead of being generated while
// rendering, which on a slow WebKit is a large share of a page's render time.
const THEME = {
  token: {
    colorPrimary: "#b71c1c",
    // Chinese faces named first — Windows (Microsoft YaHei), UOS and Kylin (Noto Sans
    // CJK / Source Han Sans, WenQuanYi), macOS (PingFang) — so Chinese text is set in
    // one face found at once, instead of a per-character search through fallbacks
    // after Latin faces that have no Chinese glyphs.
    fontFamily:
      "'Microsoft YaHei', 'PingFang SC', 'Noto Sans CJK SC', 'Source Han Sans SC', 'WenQuanYi Micro Hei', -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif",
  },
  zeroRuntime: true,
};

export function useLanguage(): LanguageState {
  return useContext(LanguageContext);
}

/**
 * The saved language (from `app_info`) drives antd's locale, dayjs's locale, the
 * message catalogue and the window title together.
 */
export function LanguageProvider({ children }: { children: ReactNode }) {
  const info = useAppInfo();
  const setLanguage = useSetLanguage();
  const queryClient = useQueryClient();
  const platform = usePlatform();
  const lang = info.data?.language ?? DEFAULT_LANG;
  // Synchronously, so the children's first render already formats dates in `lang`.
  applyDayjsLocale(lang);

  const title = messagesFor(lang).app.title;
  useEffect(() => {
    document.documentElement.lang = lang;
    document.title = title;
    platform.setWindowTitle(title).catch(() => {
      // The title is cosmetic; the document title above already changed.
    });
  }, [lang, title, platform]);

  const state: LanguageState = {
    lang,
    pending: setLanguage.isPending,
    setLang: async (next) => {
      const changed = await setLanguage.mutateAsync(next);
      queryClient.setQueryData<AppInfo>(appInfoKey, (old) =>
        old ? { ...old, language: changed.language } : old,
      );
    },
  };

  return (
    <LanguageContext.Provider value={state}>
      <ConfigProvider locale={antdLocaleFor(lang)} theme={THEME}>
        <AntApp>
          <MessagesProvider lang={lang}>{children}</MessagesProvider>
        </AntApp>
      </ConfigProvider>
    </LanguageContext.Provider>
  );
}
