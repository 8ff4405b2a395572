import { createContext, useContext, useMemo, type ReactNode } from "react";
import dayjs from "dayjs";
import "dayjs/locale/zh-cn";
import "dayjs/locale/en";
import zhCNAntd from "antd/locale/zh_CN";
import enUSAntd from "antd/locale/en_US";
import type { Locale } from "antd/es/locale";
import type { Lang } from "../api/bindings/Lang";
import type { Messages } from "./messages";
import { zhCN } from "./zh-CN";
import { en } from "./en";

export const DEFAULT_LANG: Lang = "zh-CN";

const catalogues: Record<Lang, Messages> = { "zh-CN": zhCN, en };
const antdLocales: Record<Lang, Locale> = { "zh-CN": zhCNAntd, en: enUSAntd };
const dayjsLocales: Record<Lang, string> = { "zh-CN": "zh-cn", en: "en" };

export function messagesFor(lang: Lang): Messages {
  return catalogues[lang];
}

export function antdLocaleFor(lang: Lang): Locale {
  return antdLocales[lang];
}

/** One setting drives the catalogue, antd's locale and dayjs's locale together. */
export function applyDayjsLocale(lang: Lang): void {
  dayjs.locale(dayjsLocales[lang]);
}

const MessagesContext = createContext<Messages>(zhCN);

export function MessagesProvider({ lang, children }: { lang: Lang; children: ReactNode }) {
  const messages = useMemo(() => messagesFor(lang), [lang]);
  return <MessagesContext.Provider value={messages}>{children}</MessagesContext.Provider>;
}

/** The current language's messages: `const m = useMessages(); m.nav.trips`. */
export function useMessages(): Messages {
  return useContext(MessagesContext);
}

/** Fills `{name}` placeholders of a message: `fmt(m.list.page, { page: 3 })`. */
export function fmt(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) =>
    key in values ? String(values[key]) : whole,
  );
}
