// Ours: the Rust engine compiled to WebAssembly, through the package's public
// Node entry (pkg/node.js, built by `bash scripts/build-pkg.sh`).
// Not a schema, just the same two-function adapter as the other libraries.
import { existsSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";

// MOTION_VALIDATOR_PKG may point elsewhere (e.g. a build outside this tree).
export const PKG_PATH = process.env.MOTION_VALIDATOR_PKG ?? fileURLToPath(new URL("../../pkg/node.js", import.meta.url));

export class NotBuiltError extends Error {}

if (!existsSync(PKG_PATH)) {
  throw new NotBuiltError(`motion-validator is not built: ${PKG_PATH} does not exist (run bash scripts/build-pkg.sh first)`);
}

const { Validator } = await import(pathToFileURL(PKG_PATH).href);
const validator = new Validator({ profile: "uppsala", lang: "sv", today: "2021-06-01" });
const DIARY_PATH = ["diaryNumber"];

export const validate = (motion) => validator.validate(motion).issues;
export const validateField = (value) => validator.validateField(DIARY_PATH, value);
