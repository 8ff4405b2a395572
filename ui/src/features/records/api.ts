import { useCallback, useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { Cursor } from "../../api/bindings/Cursor";
import type { RecordBody } from "../../api/bindings/RecordBody";
import type { RecordFilter } from "../../api/bindings/RecordFilter";
import type { StoredRecord } from "../../api/bindings/StoredRecord";
import { useCommand, useCoreCall } from "../../api/client";
import { usePlatform } from "../../api/platform";
import { machineStorage } from "../common/machineStorage";

/**
 * Rows per page a list may show; the first is the default. Twenty fill a laptop's
 * window without scrolling and render quickly on a slow office PC; fifty or a hundred
 * for those who prefer to scroll.
 */
export const PAGE_SIZES = [20, 50, 100] as const;
export type PageSize = (typeof PAGE_SIZES)[number];
export const PAGE_SIZE: PageSize = PAGE_SIZES[0];

const PAGE_SIZE_KEY = "qinqing.pageSize";

/** A list's page size: the one this person chose last on this machine, else the default. */
export function usePageSize(): [PageSize, (size: PageSize) => void] {
  const [size, setSize] = useState<PageSize>(() => {
    const saved = Number(machineStorage()?.getItem(PAGE_SIZE_KEY));
    return PAGE_SIZES.find((choice) => choice === saved) ?? PAGE_SIZE;
  });
  const choose = useCallback((next: PageSize) => {
    try {
      machineStorage()?.setItem(PAGE_SIZE_KEY, String(next));
    } catch {
      // A full storage forgets the choice; the list still uses it.
    }
    setSize(next);
  }, []);
  return [size, choose];
}

export const recordsKey = ["records"] as const;
const recordKey = (id: string) => ["record", id] as const;

export const NO_FILTER: RecordFilter = {
  kind: null,
  departmentId: null,
  officialId: null,
  counterpartId: null,
  from: null,
  to: null,
  includeCancelled: false,
  text: null,
  finding: null,
  asOf: null,
  status: null,
  order: "dateDesc",
};

/**
 * One page of records, newest first: after a cursor (the next page), or by its number
 * (a jump; the core finds where it starts).
 */
export function useRecordPage(filter: RecordFilter, at: { after: Cursor | null; page: number | null }, limit: number = PAGE_SIZE) {
  const call = useCoreCall();
  return useQuery({
    queryKey: [...recordsKey, "page", filter, at.after, at.page, limit],
    queryFn: () => call("record_list", { filter, after: at.after, page: at.page, limit }),
  });
}

export function useRecordTotals(filter: RecordFilter) {
  const call = useCoreCall();
  return useQuery({
    queryKey: [...recordsKey, "totals", filter],
    queryFn: () => call("record_totals", { filter }),
  });
}

export function useRecord(id: string | null) {
  const call = useCoreCall();
  return useQuery({
    queryKey: recordKey(id ?? ""),
    queryFn: () => call("record_get", { id: id! }),
    enabled: id !== null,
    placeholderData: undefined,
  });
}

export function useRecordFindings(id: string) {
  const call = useCoreCall();
  return useQuery({
    queryKey: [...recordKey(id), "findings"],
    queryFn: () => call("record_findings", { id, asOf: null }),
    placeholderData: undefined,
  });
}

export function useRecordHistory(id: string) {
  const call = useCoreCall();
  return useQuery({
    queryKey: [...recordKey(id), "history"],
    queryFn: () => call("record_history", { id }),
    placeholderData: undefined,
  });
}

export interface SaveRecord {
  /** Set when amending; then `version` and `reason` are too. */
  id: string | null;
  version: number | null;
  departmentId: string;
  body: RecordBody;
  reason: string;
}

export function useSaveRecord() {
  const call = useCoreCall();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (r: SaveRecord): Promise<StoredRecord> =>
      r.id === null
        ? call("record_create", { departmentId: r.departmentId, body: r.body })
        : call("record_update", {
            id: r.id,
            version: r.version ?? 0,
            departmentId: r.departmentId,
            body: r.body,
            reason: r.reason,
          }),
    onSuccess: async (record) => {
      queryClient.setQueryData(recordKey(record.id), record);
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: recordsKey }),
        queryClient.invalidateQueries({ queryKey: recordKey(record.id) }),
        // A change moves the review on (an approval undone, a locked record amended).
        queryClient.invalidateQueries({ queryKey: ["review", record.id] }),
      ]);
    },
  });
}

/** Cancels a record, or restores a cancelled one: each with a reason. */
export function useCancelRecord(command: "record_cancel" | "record_restore" = "record_cancel") {
  const call = useCoreCall();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (r: { id: string; version: number; reason: string }) =>
      command === "record_restore" ? call("record_restore", r) : call("record_cancel", r),
    onSuccess: async (record) => {
      queryClient.setQueryData(recordKey(record.id), record);
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: recordsKey }),
        queryClient.invalidateQueries({ queryKey: recordKey(record.id) }),
        // A change moves the review on (an approval undone, a locked record amended).
        queryClient.invalidateQueries({ queryKey: ["review", record.id] }),
      ]);
    },
  });
}

const attachmentsKey = (recordId: string) => ["attachments", recordId] as const;

export function useAttachments(recordId: string) {
  const call = useCoreCall();
  return useQuery({
    queryKey: attachmentsKey(recordId),
    queryFn: () => call("attachment_list", { recordId }),
    placeholderData: undefined,
  });
}

export function useAttachmentData(id: string | null) {
  const call = useCoreCall();
  return useQuery({
    queryKey: ["attachment", id],
    queryFn: () => call("attachment_data", { id: id! }),
    enabled: id !== null,
    staleTime: Infinity,
    placeholderData: undefined,
  });
}

/** Asks for a file with the system dialog, then attaches it; null when dismissed. */
export function useAddAttachment(recordId: string) {
  const call = useCoreCall();
  const platform = usePlatform();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async () => {
      const path = await platform.pickFile();
      if (path === null) return null;
      return call("attachment_add", { recordId, path });
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: attachmentsKey(recordId) }),
  });
}

export function useRemoveAttachment(recordId: string) {
  const call = useCoreCall();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => call("attachment_remove", { id }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: attachmentsKey(recordId) }),
  });
}

/** Writes what a filter selects to a file the person chose (XLSX, CSV or a PDF list). */
export const useRecordsExport = () => useCommand("records_export");

/** Writes one record's sheet (fields, findings, attachments, history) as a PDF. */
export const useRecordPrint = () => useCommand("record_print");
