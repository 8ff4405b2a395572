import { render } from "@testing-library/react";
import { App } from "../App";
import { createQueryClient } from "../api/queryClient";
import type { Platform } from "../api/platform";

export function renderApp(platform: Platform, hash = "#/") {
  window.location.hash = hash;
  return render(<App platform={platform} queryClient={createQueryClient()} />);
}
