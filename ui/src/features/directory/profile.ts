import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { Profile } from "../../api/bindings/Profile";
import { useCoreCall } from "../../api/client";
import { useDirectory } from "./api";


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
