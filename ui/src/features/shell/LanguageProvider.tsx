import { createContext, useContext, useEffect, type ReactNode } from "react";
import { ConfigProvider, App as AntApp } from "antd";
import { useQueryClient } from "@tanstack/react-query";
import type { AppInfo } from "../../api/bindings/AppInfo";
import type { Lang } from "../../api/bindings/Lang";
import { usePlatform } from "../../api/platform";
import { antdLocaleFor, applyDayjsLocale, DEFAULT_LANG, messagesFor, MessagesProvider } from "../../i18n";
import { appInfoKey, useAppInfo, useSetLanguage } from "../settings/api";

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
      <ConfigProvider locale={antdLocaleFor(lang)} theme={{ token: { colorPrimary: "#b71c1c" } }}>
        <AntApp>
          <MessagesProvider lang={lang}>{children}</MessagesProvider>
        </AntApp>
      </ConfigProvider>
    </LanguageContext.Provider>
  );
}
