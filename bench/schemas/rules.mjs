// Rules shared by the zod and valibot schemas (ajv's JSON Schema spells
// them out itself in json-schema.mjs).

export const PARTY_RE = /^(?:S|M|SD|C|V|KD|L|MP|FI|F!|-)$/i;
export const DIARY_RE = /^KSN-\d{4}-\d{4,5}$/i;
export const ATT_RE = /^att\s/i; // the word "att", then whitespace
export const TWO_WORDS_RE = /\S\s+\S/;

// Length in Unicode code points, i.e. [...s].length, without allocating an
// array: zod and valibot count UTF-16 units, so their min/max can't be used.
export function codePoints(s) {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) (n--, i++);
    }
  }
  return n;
}

export const lengthBetween = (min, max) => (s) => {
  const n = codePoints(s);
  return n >= min && n <= max;
};

const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

// True for a YYYY-MM-DD string naming a real calendar day (Gregorian leap years).
export function isCalendarDate(s) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const y = +m[1], mo = +m[2], d = +m[3];
  if (mo < 1 || mo > 12 || d < 1) return false;
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  return d <= (mo === 2 && leap ? 29 : DAYS[mo - 1]);
}
