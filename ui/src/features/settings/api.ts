import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useCommand, useCoreCall } from "../../api/client";
import { appInfoKey } from "../app/api";

/** Issues the database's recovery key (a previous one stops working). */
export function useIssueRecoveryKey() {
  const call = useCoreCall();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => call("recovery_key_issue", {}),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: appInfoKey }),
  });
}

export const caKey = ["ca"] as const;

/** Whether the database has a bureau root, and its certificate. */
export function useRootStatus() {
  const call = useCoreCall();
  return useQuery({ queryKey: caKey, queryFn: () => call("ca_get", {}) });
}

export const useRootCreate = () => useCommand("ca_create");
export const useRootImport = () => useCommand("ca_import");
export const useRootExport = () => useCommand("ca_export");

export const backupsKey = ["backups"] as const;

/** The backups folder, its backups (newest first) and the retention. */
export function useBackups() {
  const call = useCoreCall();
  return useQuery({ queryKey: backupsKey, queryFn: () => call("backup_list", {}) });
}

export const useBackupCreate = () => useCommand("backup_create");
export const useBackupRetentionSave = () => useCommand("backup_retention_save");
/** Checks a backup (dry run) or restores it. */
export const useBackupRestore = () => useCommand("backup_restore");
