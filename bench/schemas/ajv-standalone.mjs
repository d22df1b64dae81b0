import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { STANDALONE_PATH, buildStandalone } from "../build-standalone.mjs";

// The same JSON Schema, precompiled by ajv/dist/standalone (built on demand).
if (!existsSync(STANDALONE_PATH)) buildStandalone();
const { validateMotion, validateDiaryNumber } = createRequire(import.meta.url)(STANDALONE_PATH);

export const validate = (m) => (validateMotion(m) ? [] : validateMotion.errors);
export const validateField = (s) => (validateDiaryNumber(s) ? [] : validateDiaryNumber.errors);
