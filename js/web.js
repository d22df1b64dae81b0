// Browser entry: `import init, { Validator } from 'motion-validator'; await init();`
import initWasm, * as raw from './web/motion_validator.js';
import { makeApi } from './api.js';

let ready;
/** Fetches, compiles and instantiates the WebAssembly module (once). */
export default function init(moduleOrPath) {
  ready ??= initWasm(moduleOrPath === undefined ? undefined : { module_or_path: moduleOrPath });
  return ready.then(() => undefined);
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
