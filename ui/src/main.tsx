import "antd/dist/antd.css";
import "./app.css";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./App";
import { tauriPlatform } from "./api/platform";
import { createQueryClient } from "./api/queryClient";

const root = document.getElementById("root");
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App platform={tauriPlatform} queryClient={createQueryClient()} />
    </StrictMode>,
  );
}
