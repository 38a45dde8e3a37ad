/**
 * The layers of doan-bot; imports point down only:
 *
 *   domain  ←  store, app  ←  chat  ←  features  ←  channels, scheduler  ←  composition (main, build, demo)
 *
 * and a feature folder imports no other feature folder (what features share lives in app/, chat/ or the domain).
 *
 * `i18n.ts`, `config.ts` and `log.ts` sit beside the domain, usable from every layer above it.
 * A port (an interface a lower layer needs) is declared where it is used (`app/deps.ts`, `app/sender.ts`)
 * and implemented above. `npm test` runs this check (tests/architecture/layers.test.ts).
 */
const layer = (name, mayUse) => ({
  name: `${name}-imports-down-only`,
  comment: `${name}/ may import only ${mayUse.join(", ")}`,
  severity: "error",
  from: { path: `^src/${name}/` },
  to: { path: "^src/", pathNot: [`^src/${name}/`, ...mayUse.map((l) => (l.endsWith(".ts") ? `^src/${l.replace(".", "\\.")}$` : `^src/${l}/`))] },
});
const base = ["i18n.ts", "config.ts", "log.ts"];

module.exports = {
  forbidden: [
    { name: "no-circular", comment: "no import cycles, type-only ones included", severity: "error", from: { path: "^src/" }, to: { circular: true } },
    layer("domain", []),
    layer("store", ["domain"]),
    layer("app", ["domain", "store", ...base]),
    layer("chat", ["domain", "store", "app", ...base]),
    layer("features", ["domain", "store", "app", "chat", ...base]),
    layer("channels", ["domain", "store", "app", "chat", ...base]),
    layer("scheduler", ["domain", "store", "app", "chat", ...base]),
    {
      name: "feature-imports-no-other-feature",
      comment: "a feature folder imports no other feature; what features share lives in app/, chat/ or the domain",
      severity: "error",
      from: { path: "^src/features/([^/]+)/" },
      to: { path: "^src/features/", pathNot: ["^src/features/$1/"] },
    },
    {
      name: "base-below-layers",
      comment: "i18n.ts, config.ts and log.ts use the domain at most",
      severity: "error",
      from: { path: "^src/(i18n|config|log)\\.ts$" },
      to: { path: "^src/", pathNot: ["^src/domain/", "^src/(i18n|config|log)\\.ts$"] },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "node_modules" },
    tsConfig: { fileName: "tsconfig.json" },
    tsPreCompilationDeps: true,
  },
};
