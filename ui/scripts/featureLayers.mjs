// An ESLint rule that keeps the features of the UI in layers: a feature imports only
// the features its entry below names, and the table itself has no cycle, so no two
// features can come to import each other (the records feature had become a kernel
// that ten features imported and that imported them back).
import path from "node:path";

/**
 * What each feature (a folder of `src/features/`) may import. `common` holds what
 * several features share and imports no feature; `app` is the app's own settings
 * (language, bureau); `workflow` the review states every feature shows.
 */
export const FEATURE_DEPENDENCIES = {
  common: [],
  app: [],
  workflow: ["common"],
  session: ["app", "common"],
  directory: ["common", "session"],
  records: ["app", "common", "directory", "session", "workflow"],
  contacts: ["records"],
  gifts: ["records"],
  meals: ["records"],
  trips: ["records"],
  review: ["common", "directory", "records", "session", "workflow"],
  registers: ["app", "common", "directory", "session"],
  standards: ["app", "common", "directory", "session"],
  shell: ["app", "directory", "session"],
  exchange: ["common", "directory", "session"],
  settings: ["app", "common", "directory", "exchange", "session", "shell", "standards"],
  setup: ["common", "settings"],
  home: ["app", "common", "directory", "review", "setup"],
  about: ["app", "common"],
};

/** The table's first cycle as a list of features, or null when it has none. */
export function cycleIn(table) {
  const state = new Map();
  const visit = (feature, trail) => {
    if (state.get(feature) === "done") return null;
    if (state.get(feature) === "open") return [...trail.slice(trail.indexOf(feature)), feature];
    state.set(feature, "open");
    for (const next of table[feature] ?? []) {
      const found = visit(next, [...trail, feature]);
      if (found) return found;
    }
    state.set(feature, "done");
    return null;
  };
  for (const feature of Object.keys(table)) {
    const found = visit(feature, []);
    if (found) return found;
  }
  return null;
}

const cycle = cycleIn(FEATURE_DEPENDENCIES);
if (cycle) throw new Error(`FEATURE_DEPENDENCIES has a cycle: ${cycle.join(" → ")}`);

/** The feature a file of `src/features/` belongs to, or null outside them. */
function featureOf(file) {
  const parts = path.normalize(file).split(path.sep);
  const at = parts.lastIndexOf("features");
  return at >= 1 && parts[at - 1] === "src" && at + 2 < parts.length ? parts[at + 1] : null;
}

const featureLayers = {
  meta: {
    type: "problem",
    docs: { description: "A feature imports only the features FEATURE_DEPENDENCIES allows it" },
    messages: {
      notAllowed: "features/{{from}} may not import features/{{to}}: FEATURE_DEPENDENCIES in scripts/featureLayers.mjs allows it {{allowed}}. Move what both need to features/common, or to the lower feature.",
      unknown: "features/{{feature}} is not in FEATURE_DEPENDENCIES (scripts/featureLayers.mjs): add it with what it may import.",
    },
    schema: [],
  },
  create(context) {
    const file = context.filename;
    const from = featureOf(file);
    if (from === null) return {};
    const check = (node) => {
      const spec = node.source?.value;
      if (typeof spec !== "string" || !spec.startsWith(".")) return;
      const to = featureOf(path.resolve(path.dirname(file), spec) + ".ts");
      if (to === null || to === from) return;
      const allowed = FEATURE_DEPENDENCIES[from];
      if (allowed === undefined) {
        context.report({ node, messageId: "unknown", data: { feature: from } });
      } else if (FEATURE_DEPENDENCIES[to] === undefined) {
        context.report({ node, messageId: "unknown", data: { feature: to } });
      } else if (!allowed.includes(to)) {
        context.report({
          node,
          messageId: "notAllowed",
          data: { from, to, allowed: allowed.length ? allowed.join(", ") : "none" },
        });
      }
    };
    return {
      ImportDeclaration: check,
      ExportNamedDeclaration: check,
      ExportAllDeclaration: check,
      ImportExpression: check,
    };
  },
};

export const qinqingPlugin = { rules: { "feature-layers": featureLayers } };
