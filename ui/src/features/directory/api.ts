import { useMemo } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { City } from "../../api/bindings/City";
import type { Counterpart } from "../../api/bindings/Counterpart";
import type { Department } from "../../api/bindings/Department";
import type { Official } from "../../api/bindings/Official";
import type { Versioned } from "../../api/bindings/Versioned";
import { useCoreCall } from "../../api/client";

/** The directory's entries, by the name of their list and save commands. */
export interface DirectoryTypes {
  department: Department;
  official: Official;
  counterpart: Counterpart;
  city: City;
}
export type DirectoryKind = keyof DirectoryTypes;

export const directoryKey = (kind: DirectoryKind) => ["directory", kind] as const;

/**
 * A directory list. Pickers and tables load inactive entries too (a record may name
 * one), and hide them where a new choice is made.
 */
export function useDirectory<K extends DirectoryKind>(kind: K) {
  const call = useCoreCall();
  return useQuery({
    queryKey: directoryKey(kind),
    queryFn: async () =>
      (await call(`${kind}_list`, { includeInactive: true })) as Versioned<DirectoryTypes[K]>[],
    // The directory changes rarely and every save invalidates it.
    staleTime: 60_000,
  });
}

export interface SaveEntry<T> {
  id: string | null;
  version: number | null;
  value: T;
}

export function useSaveDirectory<K extends DirectoryKind>(kind: K) {
  const call = useCoreCall();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (request: SaveEntry<DirectoryTypes[K]>) =>
      // Each kind's save command takes exactly this shape (SaveDepartment, …).
      (await call(`${kind}_save`, request as never)) as Versioned<DirectoryTypes[K]>,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: directoryKey(kind) }),
  });
}

/** id → entry, for showing names in lists and details. */
export function useDirectoryMap<K extends DirectoryKind>(kind: K): Map<string, DirectoryTypes[K]> {
  const query = useDirectory(kind);
  // The same map while the list is unchanged, so tables keyed on it do not re-render.
  return useMemo(() => {
    const map = new Map<string, DirectoryTypes[K]>();
    for (const entry of query.data ?? []) map.set(entry.id, entry.value);
    return map;
  }, [query.data]);
}
