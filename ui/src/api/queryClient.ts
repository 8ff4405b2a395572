import { QueryClient, keepPreviousData } from "@tanstack/react-query";

/** Desktop defaults: the data is local, so no refetch on focus and no retries. */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        refetchOnWindowFocus: false,
        retry: false,
        placeholderData: keepPreviousData,
      },
      mutations: { retry: false },
    },
  });
}
