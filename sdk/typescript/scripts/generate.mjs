// src/platform-contract.ts from ../openapi.json with openapi-typescript, plus `ErrorCode`.
//   node scripts/generate.mjs           write it
//   node scripts/generate.mjs --check   exit 1 when the committed file is stale
import { readFileSync, writeFileSync } from "node:fs";
import openapiTS, { astToString } from "openapi-typescript";

const here = new URL("..", import.meta.url);
const target = new URL("src/platform-contract.ts", here);
const spec = JSON.parse(readFileSync(new URL("../openapi.json", here), "utf8"));

const ast = await openapiTS(spec, { rootTypes: true, rootTypesNoSchemaPrefix: true, defaultNonNullable: false });
let out = "/**\n * Generated from sdk/openapi.json by openapi-typescript (npm run generate): do not edit.\n */\n\n"
  + astToString(ast);
if (!spec.components?.schemas?.ErrorCode) {
  out += '\n/** Every `error.code` the API answers with. */\nexport type ErrorCode = components["schemas"]["ErrorBody"]["code"];\n';
}

if (process.argv.includes("--check")) {
  const committed = readFileSync(target, "utf8");
  if (committed !== out) {
    console.error("src/platform-contract.ts is stale: run sdk/generate (or npm run generate) and commit it");
    process.exit(1);
  }
} else {
  writeFileSync(target, out);
}
