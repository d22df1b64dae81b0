// The three motions every library validates. `valid` is a real motion
// (Uppsala, 2020); the others are copies with known errors.

export const valid = {
  title:
    "Stärka arbetet mot sexuell exploatering och köp av sexuella tjänster med anledning av coronaviruset",
  body:
    "En del av mäns våld mot kvinnor är den sexuella exploatering som sker genom att män betalar för sexuella övergrepp mot framförallt kvinnor. Erfarenheterna från Italien och Spanien visar att sexköpen fortsätter även under karantän, och utsattheten för de kvinnor som drabbas blir ännu större under pandemin. Detta beror både på risken för smittspridning och på den ökade belastningen på socialtjänsten och på de föreningar som arbetar för att stödja den utsatta gruppen. Vi anser därför att kommunen behöver stärka arbetet mot sexuell exploatering för att kunna möta ökande behov.",
  proposals: [
    "att uppdra till kommunstyrelsen att avsätta resurser för att stärka arbetet mot sexuell exploatering och köp av sexuella tjänster under coronapandemin",
    "att kostnaderna särredovisas så att kommuncentral ersättning kan utgå senast i samband med bokslutet",
  ],
  signatories: [
    { name: "Lovisa Johansson", party: "FI" },
    { name: "Stina Jansson", party: "F!" },
    { name: "Charlie Strängberg", party: "F!" },
  ],
  submittedOn: "2020-05-25",
  diaryNumber: "KSN-2020-02111",
};

// Exactly three errors: a proposal without "att", an unknown party, 30 February.
export const invalid3 = {
  ...valid,
  proposals: [
    valid.proposals[0],
    "Kostnaderna särredovisas så att kommuncentral ersättning kan utgå senast i samband med bokslutet",
  ],
  signatories: [valid.signatories[0], { name: "Stina Jansson", party: "XYZ" }, valid.signatories[2]],
  submittedOn: "2020-02-30",
};

// Every field wrong: seven errors in all.
export const invalidAll = {
  title: "Kort", // too short
  body: "", // empty
  proposals: ["Vi vill att kommunen gör något"], // no leading "att"
  signatories: [{ name: "Lovisa", party: "XYZ" }], // one-word name, unknown party
  submittedOn: "2020-13-45", // no such date
  diaryNumber: "ABC-123", // wrong format
};

export const inputs = { valid, invalid3, invalidAll };

// The field-level case: one string against the diary-number rule.
export const fieldValue = "KSN-2020-02111";

// Minimum issue counts each library must report (asserted by run-lib.mjs).
export const expectedIssues = { valid: 0, invalid3: 3, invalidAll: 6 };
