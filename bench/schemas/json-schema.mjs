// JSON Schema (draft-07, as ajv 8 defaults to) for ajv.mjs and the standalone build.
// minLength/maxLength count code points here (the spec says so; ajv agrees).
// Patterns carry no flags, so case-insensitivity is spelled out with [Aa].

const text = (minLength, maxLength, extra = {}) => ({ type: "string", minLength, maxLength, ...extra });

export const diaryNumber = {
  $id: "diary-number.json",
  type: "string",
  pattern: "^[Kk][Ss][Nn]-[0-9]{4}-[0-9]{4,5}$",
};

export const motion = {
  $id: "motion.json",
  type: "object",
  required: ["title", "body", "proposals", "signatories", "submittedOn"],
  properties: {
    title: text(10, 200),
    body: text(50, 20000),
    proposals: {
      type: "array",
      minItems: 1,
      maxItems: 30,
      items: text(10, 2000, { pattern: "^[Aa][Tt][Tt]\\s" }),
    },
    signatories: {
      type: "array",
      minItems: 1,
      maxItems: 100,
      items: {
        type: "object",
        required: ["name", "party"],
        properties: {
          name: text(1, 100, { pattern: "\\S\\s+\\S" }),
          party: { type: "string", pattern: "^(?:[SsMmCcVvLl]|[Ss][Dd]|[Kk][Dd]|[Mm][Pp]|[Ff][Ii!]|-)$" },
        },
      },
    },
    submittedOn: { type: "string", format: "date" }, // ajv-formats "full" mode checks the calendar
    diaryNumber: { $ref: "diary-number.json" },
  },
};

// allErrors: report every issue, as the other libraries do (ajv stops at the first otherwise).
export const ajvOptions = { allErrors: true };
