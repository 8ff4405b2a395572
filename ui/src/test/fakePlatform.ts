import type { AppInfo } from "../api/bindings/AppInfo";
import type { ErrorPayload } from "../api/bindings/ErrorPayload";
import type { Lang } from "../api/bindings/Lang";
import type { Platform } from "../api/platform";
import { emptyCore, fakeCoreCall, type FakeCoreState } from "./fakeCore";
import { fakeSessionCall } from "./fakeSession";

/**
 * A stand-in for the Tauri core in component tests: it keeps the saved language and
 * answers the commands the shell uses, and the directory and record commands through
 * an in-memory fake core (empty unless `core` is given), refusing anything else the way
 * the core does.
 */
export function fakePlatform(
  initial: { language?: Lang; core?: FakeCoreState; pickedFile?: string | null; savedFile?: string | null } = {},
) {
  const state = {
    language: initial.language ?? ("zh-CN" as Lang),
    titles: [] as string[],
    core: initial.core ?? emptyCore(),
    opened: [] as string[],
  };
  const calls: { command: string; request: unknown }[] = [];
  const platform: Platform = {
    async call(command, request) {
      calls.push({ command, request });
      if (command === "app_info") {
        const info: AppInfo = {
          appVersion: "0.1.0",
          schemaVersion: 1,
          protection: "protected",
          recoveryKeyIssued: true,
          dataDir: "/data",
          databasePath: "/data/qinqing.sqlite3",
          sqliteVersion: "3.50.0",
          language: state.language,
        };
        return info;
      }
      if (command === "set_language") {
        const language = (request as { language: Lang }).language;
        if (language !== "zh-CN" && language !== "en") {
          const refusal: ErrorPayload = { code: "validation", message: "bad language", field: ["language"] };
          throw refusal;
        }
        state.language = language;
        return { language };
      }
      const answer = fakeSessionCall(state.core, command, request) ?? fakeCoreCall(state.core, command, request);
      if (answer !== undefined) return answer;
      const unknown: ErrorPayload = { code: "unknownCommand", message: `no command ${command}` };
      throw unknown;
    },
    tauriVersion: async () => "2.12.5",
    setWindowTitle: async (title) => {
      state.titles.push(title);
    },
    pickFile: async () => (initial.pickedFile === undefined ? "/home/user/receipt.png" : initial.pickedFile),
    saveFile: async (name) => (initial.savedFile === undefined ? `/home/user/${name}` : initial.savedFile),
    openPath: async (path) => {
      state.opened.push(path);
    },
  };
  return { platform, state, calls };
}
