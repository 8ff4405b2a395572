import { createContext, useContext, type ReactNode } from "react";
import { invoke } from "@tauri-apps/api/core";
import { getTauriVersion } from "@tauri-apps/api/app";
import { getCurrentWindow } from "@tauri-apps/api/window";

/**
 * What the UI needs from its host. The real one talks to the Tauri core; component
 * tests hand in a fake, so they exercise real antd components without a window.
 */
export interface Platform {
  /** Runs a command of the core (see bindings/commands.ts). Rejects with an ErrorPayload. */
  call(command: string, request: unknown): Promise<unknown>;
  tauriVersion(): Promise<string | null>;
  setWindowTitle(title: string): Promise<void>;
  /** A native file dialog: an attachment (default), a CA certificate (.p12), a register PDF or a backup; `null` when dismissed. */
  pickFile(kind?: "attachment" | "certificate" | "register" | "backup" | "bundle" | "spreadsheet"): Promise<string | null>;
  /** The native save dialog (its filter from the suggested name's extension), suggesting a name; `null` when dismissed. The core writes the file. */
  saveFile(suggestedName: string): Promise<string | null>;
  /** Opens a file the app saved in the system's viewer (to print it). */
  openPath(path: string): Promise<void>;
}

export const tauriPlatform: Platform = {
  // eslint-disable-next-line no-restricted-syntax -- the one place that may invoke
  call: (command, request) => invoke("call", { command, request }),
  tauriVersion: () => getTauriVersion(),
  setWindowTitle: (title) => getCurrentWindow().setTitle(title),
  // eslint-disable-next-line no-restricted-syntax -- the one place that may invoke
  pickFile: (kind = "attachment") => invoke<string | null>("pick_file", { kind }),
  // eslint-disable-next-line no-restricted-syntax -- the one place that may invoke
  saveFile: (suggestedName) => invoke<string | null>("save_file", { suggestedName }),
  // eslint-disable-next-line no-restricted-syntax -- the one place that may invoke
  openPath: (path) => invoke<void>("open_path", { path }),
};

const PlatformContext = createContext<Platform>(tauriPlatform);

export function PlatformProvider({ platform, children }: { platform: Platform; children: ReactNode }) {
  return <PlatformContext.Provider value={platform}>{children}</PlatformContext.Provider>;
}

export function usePlatform(): Platform {
  return useContext(PlatformContext);
}
