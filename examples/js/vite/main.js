// A Vite app with the validator (validator.js, as in the README) and
// "Klistra in motion": the importer's .wasm is fetched only when someone
// reads in a pasted text.
import { parseMotionText } from 'motion-validator';
import { validator } from './validator.js';

const input = document.querySelector('#diary-number');
const message = document.querySelector('#diary-number-message');
const fix = document.querySelector('#diary-number-fix');

input.addEventListener('input', () => {
  const [issue] = validator.validateField(['diaryNumber'], input.value);
  message.textContent = issue ? `${issue.message} [${issue.code}]` : '';
  fix.hidden = !issue?.suggestion;
  fix.textContent = issue?.suggestion ? `Ändra till ${issue.suggestion}` : '';
  fix.dataset.suggestion = issue?.suggestion ?? '';
});
fix.addEventListener('click', () => {
  input.value = fix.dataset.suggestion;
  input.dispatchEvent(new Event('input'));
});

document.querySelector('#paste-read').addEventListener('click', async () => {
  const text = document.querySelector('#paste-text').value;
  const { motion, issues } = await parseMotionText(text, { profile: 'lund', lang: 'sv' });
  document.querySelector('#paste-title').textContent = `${motion.title ?? ''} (${issues.length} anmärkningar)`;
});

document.body.dataset.ready = 'true';
