import { useCommand } from "../../api/client";

// The first run sets the database up step by step, as an administrator would by hand.
export const useBureauSave = () => useCommand("bureau_save");
export const useDepartmentSave = () => useCommand("department_save");
export const useOfficialSave = () => useCommand("official_save");
export const useProfileCreate = () => useCommand("profile_create");
export const useDemoGenerate = () => useCommand("demo_generate");
