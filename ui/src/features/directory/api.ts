import { useMemo } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { City } from "../../api/bindings/City";
import type { Counterpart } from "../../api/bindings/Counterpart";
import type { Department } from "../../api/bindings/Department";
import type { Official } from "../../api/bindings/Official";
import type { Profile } from "../../api/bindings/Profile";
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

// Which official this machine's user is (chosen in the settings, before profiles).
export const profileKey = ["profile"] as const;

export function useProfile() {
  const call = useCoreCall();
  return useQuery({ queryKey: profileKey, queryFn: () => call("profile_get", {}) });
}

export function useSaveProfile() {
  const call = useCoreCall();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (profile: Profile) => call("profile_save", profile),
    onSuccess: (profile) => queryClient.setQueryData(profileKey, profile),
  });
}

/** The official this machine's user is, and their department, when chosen. */
export function useMe(): { officialId: string | null; departmentId: string | null; ready: boolean } {
  const profile = useProfile();
  const officials = useDirectory("official");
  const officialId = profile.data?.officialId ?? null;
  const official = officials.data?.find((o) => o.id === officialId);
  return {
    officialId: official ? officialId : null,
    departmentId: official?.value.departmentId ?? null,
    // A missing profile command (older core) is no reason to hold the forms back.
    ready: !profile.isPending && !officials.isPending,
  };
}
