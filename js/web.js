// Browser entry: `import init, { Validator } from 'motion-validator'; await init();`
import initWasm, * as raw from './web/motion_validator.js';
import { makeApi, makeParse } from './api.js';

let ready;
/** Fetches, compiles and instantiates the WebAssembly module (once). */
export default function init(moduleOrPath) {
  ready ??= initWasm(moduleOrPath === undefined ? undefined : { module_or_path: moduleOrPath });
  return ready.then(() => undefined);
}

let importer;
/** Reads a pasted motion text; loads the importer's .wasm on first use. */
export const parseMotionText = makeParse(() => {
  importer ??= import('./import-web/motion_validator_import.js')
    .then(async (m) => {
      await m.default();
      return m;
    })
    .catch((e) => {
      importer = undefined; // a failed load (offline, blocked) may be retried
      throw e;
    });
  return importer;
});

const api = makeApi(raw);
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
