// Node entry: the module is instantiated synchronously on import.
import { createRequire } from 'node:module';
import { makeApi } from './api.js';

const raw = createRequire(import.meta.url)('./node/motion_validator.js');

/** Nothing to wait for in Node; kept so the same code runs in both. */
export default function init() {
  return Promise.resolve();
}

const api = makeApi(raw);
export const {
  Validator,
  validate,
  validateField,
  normalizeDiaryNumber,
  profiles,
  profile,
  motionSchema,
} = api;
