import * as v from "valibot";
import { ATT_RE, DIARY_RE, PARTY_RE, TWO_WORDS_RE, isCalendarDate, lengthBetween } from "./rules.mjs";

// v.minLength()/v.maxLength() count UTF-16 units, so lengths are checks.
const length = (min, max) => v.check(lengthBetween(min, max), `must be ${min}–${max} characters`);

export const DiaryNumber = v.pipe(v.string(), v.regex(DIARY_RE));

export const Signatory = v.object({
  name: v.pipe(v.string(), length(1, 100), v.regex(TWO_WORDS_RE, "must contain at least two words")),
  party: v.pipe(v.string(), v.regex(PARTY_RE, "unknown party")),
});

export const Motion = v.object({
  title: v.pipe(v.string(), length(10, 200)),
  body: v.pipe(v.string(), length(50, 20000)),
  proposals: v.pipe(
    v.array(v.pipe(v.string(), length(10, 2000), v.regex(ATT_RE, "must start with “att”"))),
    v.minLength(1),
    v.maxLength(30),
  ),
  signatories: v.pipe(v.array(Signatory), v.minLength(1), v.maxLength(100)),
  // v.isoDate() accepts 2020-02-30, hence the calendar check.
  submittedOn: v.pipe(v.string(), v.isoDate(), v.check(isCalendarDate, "no such date")),
  diaryNumber: v.optional(DiaryNumber),
});

const issues = (r) => (r.success ? [] : r.issues);
export const validate = (motion) => issues(v.safeParse(Motion, motion));
export const validateField = (value) => issues(v.safeParse(DiaryNumber, value));
