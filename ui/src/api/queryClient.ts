import { MutationCache, QueryCache, QueryClient, keepPreviousData } from "@tanstack/react-query";
import { CoreError } from "./client";

/** The session's query key: who is signed in (features/session). */
export const sessionKey = ["session"] as const;

/** Mutations whose refusal as "unauthenticated" is theirs to show (signing in). */
export interface MutationMeta extends Record<string, unknown> {
  ownsUnauthenticated?: boolean;
}

function unauthenticated(error: unknown): boolean {
  return error instanceof CoreError && error.code === "unauthenticated";
}

/**
 * Desktop defaults: the data is local, so no refetch on focus and no retries. A
 * command refused as "unauthenticated" (signed out meanwhile) asks the session again,
 * so the sign-in screen appears wherever it happened.
 */
export function createQueryClient(): QueryClient {
  const client: QueryClient = new QueryClient({
    queryCache: new QueryCache({
      onError: (error, query) => {
        if (unauthenticated(error) && query.queryKey[0] !== sessionKey[0])
          void client.invalidateQueries({ queryKey: sessionKey });
      },
    }),
    mutationCache: new MutationCache({
      onError: (error, _variables, _context, mutation) => {
        if (unauthenticated(error) && !(mutation.meta as MutationMeta | undefined)?.ownsUnauthenticated)
          void client.invalidateQueries({ queryKey: sessionKey });
      },
    }),
    defaultOptions: {
      queries: {
        refetchOnWindowFocus: false,
        retry: false,
        placeholderData: keepPreviousData,
      },
      mutations: { retry: false },
    },
  });
  return client;
}
