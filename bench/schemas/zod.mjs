import * as z from "zod";
import { ATT_RE, DIARY_RE, PARTY_RE, TWO_WORDS_RE, lengthBetween } from "./rules.mjs";

// z.string().min()/.max() count UTF-16 units, so lengths are refinements.
const text = (min, max) =>
  z.string().refine(lengthBetween(min, max), { error: `must be ${min}–${max} characters` });

export const DiaryNumber = z.string().regex(DIARY_RE);

export const Signatory = z.object({
  name: text(1, 100).regex(TWO_WORDS_RE, { error: "must contain at least two words" }),
  party: z.string().regex(PARTY_RE, { error: "unknown party" }),
});

export const Motion = z.object({
  title: text(10, 200),
  body: text(50, 20000),
  proposals: z.array(text(10, 2000).regex(ATT_RE, { error: "must start with “att”" })).min(1).max(30),
  signatories: z.array(Signatory).min(1).max(100),
  submittedOn: z.iso.date(), // zod's date regex rejects 2020-02-30 and 2021-02-29
  diaryNumber: DiaryNumber.optional(),
});

const issues = (r) => (r.success ? [] : r.error.issues);
export const validate = (motion) => issues(Motion.safeParse(motion));
export const validateField = (value) => issues(DiaryNumber.safeParse(value));
