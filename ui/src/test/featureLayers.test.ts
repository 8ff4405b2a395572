import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";
// @ts-expect-error: a plain ES module of the lint configuration, without types
import { cycleIn, FEATURE_DEPENDENCIES } from "../../scripts/featureLayers.mjs";

// Linted with the project's own configuration, as `npm run lint` lints.
const eslint = new ESLint();

async function layerProblems(filePath: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === "qinqing/feature-layers").map((m) => m.message);
}

describe("feature layers", () => {
  it("refuses an import that would make two features import each other", async () => {
    // records imports workflow; workflow importing records back would close a cycle.
    const problems = await layerProblems(
      "src/features/workflow/Probe.ts",
      'import { useRecordPage } from "../records/api";\nexport const probe = useRecordPage;\n',
    );
    expect(problems).toEqual([
      "features/workflow may not import features/records: FEATURE_DEPENDENCIES in scripts/featureLayers.mjs allows it common. Move what both need to features/common, or to the lower feature.",
    ]);
  });

  it("refuses common importing any feature, and a feature missing from the table", async () => {
    expect(await layerProblems("src/features/common/Probe.ts", 'export { useSession } from "../session/api";\n')).toHaveLength(1);
    expect(await layerProblems("src/features/newcomer/Probe.ts", 'import { yuanTextToFen } from "../common/money";\nexport const m = yuanTextToFen;\n')).toEqual([
      "features/newcomer is not in FEATURE_DEPENDENCIES (scripts/featureLayers.mjs): add it with what it may import.",
    ]);
  });

  it("lets a feature import what its layer allows, and itself", async () => {
    expect(
      await layerProblems(
        "src/features/records/kinds/Probe.ts",
        'import { OfficialPicker } from "../../directory/pickers";\nimport { FORM_KINDS } from "../formValues";\nexport const p = [OfficialPicker, FORM_KINDS];\n',
      ),
    ).toEqual([]);
  });

  it("has no cycle in its table, and finds one when there is", () => {
    expect(cycleIn(FEATURE_DEPENDENCIES)).toBeNull();
    expect(cycleIn({ a: ["b"], b: ["c"], c: ["a"] })).toEqual(["a", "b", "c", "a"]);
  });
});
