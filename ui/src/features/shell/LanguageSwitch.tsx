import { App, Segmented } from "antd";
import type { Lang } from "../../api/bindings/Lang";
import { CoreError } from "../../api/client";
import { messagesFor, useMessages } from "../../i18n";
import { useLanguage } from "../app/LanguageProvider";

const LANGS: Lang[] = ["zh-CN", "en"];

export function LanguageSwitch() {
  const m = useMessages();
  const { lang, setLang, pending } = useLanguage();
  const { message } = App.useApp();

  const change = async (next: Lang) => {
    try {
      await setLang(next);
      message.success(messagesFor(next).language.changed);
    } catch (error) {
      message.error(error instanceof CoreError ? error.message : String(error));
    }
  };

  return (
    <Segmented<Lang>
      aria-label={m.language.label}
      data-testid="language-switch"
      value={lang}
      disabled={pending}
      onChange={(next) => void change(next)}
      options={LANGS.map((value) => ({ value, label: m.language[value] }))}
    />
  );
}
