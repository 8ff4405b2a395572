import { useCommand } from "../../api/client";

/** Records (and their attachments) sealed and signed for the office. */
export const useBundleExport = () => useCommand("bundle_export");

/** The directory and standards, signed by an administrator, for the spokes. */
export const useDirectoryBundleExport = () => useCommand("directory_bundle_export");

/** A bundle checked (dry run) or merged. */
export const useBundleImport = () => useCommand("bundle_import");

/** An Excel register's sheets with the mapping their headers suggest. */
export const useSheetInspect = () => useCommand("sheet_inspect");

/** An Excel register imported through a mapping (or its dry run). */
export const useSheetImport = () => useCommand("sheet_import");
