import Ajv from "ajv";
import addFormats from "ajv-formats";
import { ajvOptions, diaryNumber, motion } from "./json-schema.mjs";

// Compiled at run time, as most applications use ajv.
const ajv = addFormats(new Ajv(ajvOptions), ["date"]).addSchema([diaryNumber, motion]);
const validateMotion = ajv.getSchema("motion.json");
const validateDiaryNumber = ajv.getSchema("diary-number.json");

export const validate = (m) => (validateMotion(m) ? [] : validateMotion.errors);
export const validateField = (s) => (validateDiaryNumber(s) ? [] : validateDiaryNumber.errors);
