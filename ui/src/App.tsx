import { useState } from "react";
import { QueryClientProvider, type QueryClient } from "@tanstack/react-query";
import { createHashRouter, RouterProvider, type RouteObject } from "react-router-dom";
import { PlatformProvider, type Platform } from "./api/platform";
import { AboutPage } from "./features/about/AboutPage";
import { ContactsPage } from "./features/contacts/ContactsPage";
import { DirectoryPage } from "./features/directory/DirectoryPage";
import { GiftsPage } from "./features/gifts/GiftsPage";
import { MealsPage } from "./features/meals/MealsPage";
import { TimelinePage } from "./features/records/TimelinePage";
import { TripsPage } from "./features/trips/TripsPage";
import { HomePage } from "./features/home/HomePage";
import { ReviewPage } from "./features/review/ReviewPage";
import { RegistersPage } from "./features/registers/RegistersPage";
import { SettingsPage } from "./features/settings/SettingsPage";
import { AppFrame } from "./features/shell/AppFrame";
import { ErrorBoundary } from "./features/shell/ErrorBoundary";
import { LanguageProvider } from "./features/app/LanguageProvider";

export const routes: RouteObject[] = [
  {
    path: "/",
    element: <AppFrame />,
    children: [
      { index: true, element: <HomePage /> },
      { path: "records", element: <TimelinePage /> },
      { path: "trips", element: <TripsPage /> },
      { path: "meals", element: <MealsPage /> },
      { path: "gifts", element: <GiftsPage /> },
      { path: "contacts", element: <ContactsPage /> },
      { path: "directory", element: <DirectoryPage /> },
      { path: "review", element: <ReviewPage /> },
      { path: "registers", element: <RegistersPage /> },
      { path: "settings", element: <SettingsPage /> },
      { path: "about", element: <AboutPage /> },
      { path: "*", element: <HomePage /> },
    ],
  },
];

export function App({ platform, queryClient }: { platform: Platform; queryClient: QueryClient }) {
  // Hash routing: the embedded assets are served from one index.html.
  const [router] = useState(() => createHashRouter(routes));
  return (
    <PlatformProvider platform={platform}>
      <QueryClientProvider client={queryClient}>
        <LanguageProvider>
          <ErrorBoundary>
            <RouterProvider router={router} />
          </ErrorBoundary>
        </LanguageProvider>
      </QueryClientProvider>
    </PlatformProvider>
  );
}
