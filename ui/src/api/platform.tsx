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
  /** Asks the user for a file (the system dialog); `null` when they dismissed it. */
  /** A native file dialog: an attachment (default) or a CA certificate (.p12). */
  pickFile(kind?: "attachment" | "certificate"): Promise<string | null>;
}

export const tauriPlatform: Platform = {
  // eslint-disable-next-line no-restricted-syntax -- the one place that may invoke
  call: (command, request) => invoke("call", { command, request }),
  tauriVersion: () => getTauriVersion(),
  setWindowTitle: (title) => getCurrentWindow().setTitle(title),
  // eslint-disable-next-line no-restricted-syntax -- the one place that may invoke
  pickFile: (kind = "attachment") => invoke<string | null>("pick_file", { kind }),
};

const PlatformContext = createContext<Platform>(tauriPlatform);

export function PlatformProvider({ platform, children }: { platform: Platform; children: ReactNode }) {
  return <PlatformContext.Provider value={platform}>{children}</PlatformContext.Provider>;
}

export function usePlatform(): Platform {
  return useContext(PlatformContext);
}
