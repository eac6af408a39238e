// dist/esm (import) and dist/cjs (require), each with its .d.ts, from one tsc --strict source.
import { execFileSync } from "node:child_process";
import { rmSync, writeFileSync } from "node:fs";

const tsc = new URL("../node_modules/typescript/bin/tsc", import.meta.url).pathname;
rmSync(new URL("../dist", import.meta.url), { recursive: true, force: true });
for (const [config, type] of [["tsconfig.json", "module"], ["tsconfig.cjs.json", "commonjs"]]) {
  execFileSync(process.execPath, [tsc, "-p", config], { stdio: "inherit", cwd: new URL("..", import.meta.url) });
  const dir = type === "module" ? "esm" : "cjs";
  writeFileSync(new URL(`../dist/${dir}/package.json`, import.meta.url), JSON.stringify({ type }) + "\n");
}
