import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { Action } from "../../api/bindings/Action";
import type { KeyImportRequest } from "../../api/bindings/KeyImportRequest";
import type { PassphraseChangeRequest } from "../../api/bindings/PassphraseChangeRequest";
import type { ProfileCreateRequest } from "../../api/bindings/ProfileCreateRequest";
import type { ProfileUpdateRequest } from "../../api/bindings/ProfileUpdateRequest";
import type { RecoverRequest } from "../../api/bindings/RecoverRequest";
import type { SessionInfo } from "../../api/bindings/SessionInfo";
import type { SessionUser } from "../../api/bindings/SessionUser";
import { useCoreCall } from "../../api/client";
import { sessionKey, type MutationMeta } from "../../api/queryClient";
import { clearDraftsOf, draftOwner, type DraftOwner } from "../common/drafts";
import { useAppInfo } from "../app/api";

export { sessionKey };
export const profilesKey = ["profiles"] as const;

/** Who is signed in, what they may do, and who could sign in (the core's `session_get`). */
export function useSession() {
  const call = useCoreCall();
  // It changes only by signing in or out, which update it (and a refusal invalidates it).
  return useQuery({ queryKey: sessionKey, queryFn: () => call("session_get", {}), placeholderData: undefined, staleTime: Infinity });
}

/** The person signed in, or null (signed out, open mode, or still asking). */
export function useSessionUser(): SessionUser | null {
  return useSession().data?.user ?? null;
}

/**
 * Whether the core lets whoever is at the keyboard do `action` (its `may` list, which
 * also says what a database without profiles allows). A core that cannot say (an
 * error) is not second-guessed; while it is being asked, nothing is offered.
 */
export function useMay(action: Action): boolean {
  const session = useSession();
  if (session.isError) return true;
  return session.data?.may.includes(action) ?? false;
}

/** After signing in or out everything may read differently: the session first, then all. */
function useSessionChanged() {
  const queryClient = useQueryClient();
  return async (info: SessionInfo) => {
    queryClient.setQueryData(sessionKey, info);
    await queryClient.invalidateQueries();
  };
}

export function useSignIn() {
  const call = useCoreCall();
  const changed = useSessionChanged();
  return useMutation({
    mutationFn: (request: { profileId: string; passphrase: string }) => call("session_sign_in", request),
    onSuccess: changed,
    // A wrong passphrase is the form's to show, not a reason to ask the session again.
    meta: { ownsUnauthenticated: true } satisfies MutationMeta,
  });
}

/** With the recovery key, gives an administrator a new passphrase and signs them in. */
export function useRecover() {
  const call = useCoreCall();
  const changed = useSessionChanged();
  return useMutation({
    mutationFn: (request: RecoverRequest) => call("passphrase_recover", request),
    onSuccess: changed,
    meta: { ownsUnauthenticated: true } satisfies MutationMeta,
  });
}

/**
 * Whose unsaved drafts the forms keep: this database and the person signed in (none
 * while the database or the session is still being asked).
 */
export function useDraftOwner(): DraftOwner | null {
  const info = useAppInfo();
  const session = useSession();
  if (!info.data || !session.data) return null;
  return draftOwner(info.data.databasePath, session.data.user?.profile.id ?? null);
}

export function useSignOut() {
  const call = useCoreCall();
  const changed = useSessionChanged();
  const owner = useDraftOwner();
  return useMutation({
    mutationFn: () => call("session_sign_out", {}),
    onSuccess: (info: SessionInfo) => {
      // The next person at this PC is not offered what the last one left unsaved.
      if (owner !== null) clearDraftsOf(owner);
      return changed(info);
    },
  });
}

/** Every profile with its keys (revoked ones too). */
export function useProfiles() {
  const call = useCoreCall();
  return useQuery({ queryKey: profilesKey, queryFn: () => call("profile_list", {}) });
}

function useProfilesChanged() {
  const queryClient = useQueryClient();
  return async () => {
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: profilesKey }),
      queryClient.invalidateQueries({ queryKey: sessionKey }),
    ]);
  };
}

export function useCreateProfile() {
  const call = useCoreCall();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: ProfileCreateRequest) => call("profile_create", request),
    // The first profile signs its creator in: everything may read differently.
    onSuccess: () => queryClient.invalidateQueries(),
  });
}

export function useUpdateProfile() {
  const call = useCoreCall();
  const changed = useProfilesChanged();
  return useMutation({ mutationFn: (request: ProfileUpdateRequest) => call("profile_update", request), onSuccess: changed });
}

/** Replaces one's own key with a bureau CA's from a .p12 (the old one is revoked). */
export function useImportKey() {
  const call = useCoreCall();
  const changed = useProfilesChanged();
  return useMutation({
    mutationFn: (request: KeyImportRequest) => call("key_import", request),
    onSuccess: changed,
    meta: { ownsUnauthenticated: true } satisfies MutationMeta,
  });
}

export function useChangePassphrase() {
  const call = useCoreCall();
  const changed = useProfilesChanged();
  return useMutation({
    mutationFn: (request: PassphraseChangeRequest) => call("passphrase_change", request),
    onSuccess: changed,
    meta: { ownsUnauthenticated: true } satisfies MutationMeta,
  });
}
