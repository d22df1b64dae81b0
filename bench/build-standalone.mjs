// Precompiles the JSON Schema with ajv's standalone code generator into
// .generated/ajv-standalone.cjs (git-ignored), so no compiler ships at run time.
import { mkdirSync, writeFileSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import Ajv from "ajv";
import addFormats from "ajv-formats";
import standaloneCode from "ajv/dist/standalone/index.js";
import { ajvOptions, diaryNumber, motion } from "./schemas/json-schema.mjs";

export const STANDALONE_PATH = fileURLToPath(new URL("./.generated/ajv-standalone.cjs", import.meta.url));

export function buildStandalone() {
  const ajv = addFormats(new Ajv({ ...ajvOptions, code: { source: true } }), ["date"]);
  ajv.addSchema([diaryNumber, motion]);
  const code = standaloneCode(ajv, { validateMotion: "motion.json", validateDiaryNumber: "diary-number.json" });
  mkdirSync(new URL("./.generated/", import.meta.url), { recursive: true });
  writeFileSync(STANDALONE_PATH, code);
  return STANDALONE_PATH;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(`wrote ${buildStandalone()}`);
}
