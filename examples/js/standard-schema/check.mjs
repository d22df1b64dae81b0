// The README's Standard Schema snippet, runnable on a motion JSON file:
//   node check.mjs motion.json     prints {"value": …} or {"issues": […]}
import { readFileSync } from 'node:fs';

const formValues = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const print = (x) => console.log(JSON.stringify(x));
const showErrors = (issues) => {
  print({ issues });
  process.exitCode = 1;
};
const submit = (value) => print({ value });

// #region readme
import { motionSchema } from 'motion-validator';
const schema = motionSchema({ profile: 'goteborg', lang: 'en' });
const result = schema['~standard'].validate(formValues);
if (result.issues) showErrors(result.issues); else submit(result.value);
// #endregion readme
