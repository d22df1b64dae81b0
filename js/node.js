// Node entry: the module is instantiated synchronously on import.
import { createRequire } from 'node:module';
import { makeApi, makeParse } from './api.js';
import { makeTapeValidator } from './tape.js';

const require = createRequire(import.meta.url);
const raw = require('./node/motion_validator.js');

let importer;
/** Reads a pasted motion text; loads the importer module on first use. */
export const parseMotionText = makeParse(async () => {
  importer ??= require('./import-node/motion_validator_import.js');
  return importer;
});

/** Nothing to wait for in Node; kept so the same code runs in both. */
export default function init() {
  return Promise.resolve();
}

const api = makeApi(raw, makeTapeValidator);
export const {
  Validator,
  validate,
  validateField,
  normalizeDiaryNumber,
  profiles,
  profile,
  motionSchema,
  fields,
} = api;
