import type { ReactElement } from "react";
import { render } from "@testing-library/react";
import { QueryClientProvider } from "@tanstack/react-query";
import { createQueryClient } from "../api/queryClient";
import { PlatformProvider, type Platform } from "../api/platform";
import { LanguageProvider } from "../features/app/LanguageProvider";

/** Renders one component with the providers the app gives it, over a fake platform. */
export function renderWithCore(ui: ReactElement, platform: Platform) {
  return render(
    <PlatformProvider platform={platform}>
      <QueryClientProvider client={createQueryClient()}>
        <LanguageProvider>{ui}</LanguageProvider>
      </QueryClientProvider>
    </PlatformProvider>,
  );
}
