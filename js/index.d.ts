// Types of the motion-validator package (browser and Node entries alike).

/** A signatory: a council member and their party code ("-" for partilös). */
export interface Signatory {
  name: string;
  party: string;
}

/** A motion to a municipal council, as the form sends it. */
export interface Motion {
  title: string;
  body: string;
  /** The yrkanden; in most councils each begins with "att". */
  proposals: string[];
  signatories: Signatory[];
  /** The date it was submitted (väckt), YYYY-MM-DD. */
  submittedOn: string;
  /** The registrar's diarienummer; required at stage "registration". */
  diaryNumber?: string;
}

export type Lang = 'sv' | 'en';
export type Stage = 'submission' | 'registration';
export type Severity = 'error' | 'warning';

/** Stable issue codes; messages are localized, codes never change. */
export type IssueCode =
  | 'required'
  | 'invalid_type'
  | 'too_short'
  | 'too_long'
  | 'too_many'
  | 'proposal_missing_att'
  | 'duplicate'
  | 'name_incomplete'
  | 'name_invalid_chars'
  | 'party_unknown'
  | 'date_invalid'
  | 'date_in_future'
  | 'date_too_early'
  | 'diary_number_format'
  | 'diary_number_year'
  | 'diary_number_year_mismatch'
  | 'answer_overdue'
  | 'forbidden_characters'
  | 'markup_not_allowed'
  | 'all_caps'
  | 'unknown_field'
  | 'duplicate_key'
  | 'input_too_large'
  | 'invalid_json'
  | 'issues_truncated'
  | 'import_unrecognized'
  | 'import_ambiguous'
  | 'import_names_missing';

/** Keys and indices from the top of the motion: ["signatories", 0, "party"]. */
export type Path = (string | number)[];

export interface Issue {
  path: Path;
  code: IssueCode;
  severity: Severity;
  /** A sentence for a councillor in the validator's language. */
  message: string;
  /** The values the message is built from (min, max, actual, allowed, dueOn, ...). */
  params?: Record<string, string | number | string[]>;
  /** A corrected value to offer as a one-click fix. */
  suggestion?: string;
}

export interface Report {
  /** True when no issue is an error. */
  valid: boolean;
  /** In form order: title, body, proposals, signatories, submittedOn, diaryNumber. */
  issues: Issue[];
  /** The motion as it should be stored; null when invalid. */
  normalized: Motion | null;
}

export interface Party {
  code: string;
  name: string;
  aliases?: string[];
}

export interface Range {
  min?: number;
  max: number;
}

export interface Limits {
  title?: Range;
  body?: Range;
  proposal?: Range;
  name?: { max: number };
  proposals?: { max: number };
  signatories?: { max: number };
  inputBytes?: number;
  /** The earliest submission date, YYYY-MM-DD. Default "1971-01-01". */
  earliestSubmission?: string;
}

/** A real diary number of the council (and its motion's date and title, if a motion's). */
export interface ProfileExample {
  diaryNumber: string;
  submittedOn?: string;
  title?: string;
}

/** Where a fact of a profile comes from. */
export interface ProfileSource {
  /** "parties", "diaryNumberFormats", "example", … */
  fact: string;
  url: string;
  title?: string;
  note?: string;
}

/** One municipality's rules. */
export interface Profile {
  name: string;
  displayName: string;
  parties: Party[];
  /** Templates such as "KSN-{yyyy}-{n:5}"; the first is canonical. */
  diaryNumberFormats: string[];
  requireAtt?: boolean;
  limits?: Limits;
  example?: ProfileExample;
  sources?: ProfileSource[];
}

export interface ProfileSummary {
  name: string;
  displayName: string;
  parties: { code: string; name: string }[];
  diaryNumberFormats: string[];
}

export interface Options {
  /** A built-in profile name ("uppsala", "lund", "goteborg", "riksdag") or a profile. Default "uppsala". */
  profile?: string | Profile;
  /** Language of the messages. Default "sv". */
  lang?: Lang;
  /** Today's date, YYYY-MM-DD. Default: the local date at each call. */
  today?: string;
  /** Default "submission". */
  stage?: Stage;
}

/** Standard Schema v1 (https://standardschema.dev), inlined to need no dependency. */
export interface StandardSchemaV1<Input = unknown, Output = Input> {
  readonly '~standard': {
    readonly version: 1;
    readonly vendor: string;
    readonly validate: (
      value: unknown,
    ) =>
      | { readonly value: Output; readonly issues?: undefined }
      | { readonly issues: ReadonlyArray<{ readonly message: string; readonly path?: ReadonlyArray<PropertyKey> }> };
    readonly types?: { readonly input: Input; readonly output: Output } | undefined;
  };
}

/** A validator with its options compiled once; reuse it for every keystroke. */
export class Validator {
  /** Throws TypeError for unusable options (unknown profile, malformed date); never for a motion. */
  constructor(options?: Options);
  /** Never throws: any value gives a report. */
  validate(motion: unknown): Report;
  /** Checks one field; never throws. */
  validateField(path: Path, value: unknown): Issue[];
  /** The canonical diary number, or null when it cannot be read. */
  normalizeDiaryNumber(text: string): string | null;
  readonly profile: Profile;
  /** Releases the WebAssembly memory now. */
  free(): void;
}

/** Loads the WebAssembly module; await it once before anything else in a browser. */
export default function init(moduleOrPath?: string | URL | Request | Response | BufferSource | WebAssembly.Module): Promise<void>;

export function validate(motion: unknown, options?: Options): Report;
export function validateField(path: Path, value: unknown, options?: Options): Issue[];
export function normalizeDiaryNumber(text: string, profile?: string | Profile): string | null;
export function profiles(): ProfileSummary[];
export function profile(name: string): Profile | null;
export function motionSchema(options?: Options): StandardSchemaV1<unknown, Motion>;

/** The motion's shape as the engine knows it (its `Field` type): a form builds from this, keeping no copy. */
export interface FieldTable {
  /** The motion's keys in form order (the order of a report's issues). */
  keys: Array<keyof Motion>;
  /** A signatory's keys. */
  signatoryKeys: Array<keyof Signatory>;
  /** The fields whose value is a string, as path templates; `"#"` stands for an item's index. */
  stringFields: string[][];
}
export function fields(): FieldTable;

/** What "Klistra in motion" read from a pasted text. */
export interface ParsedMotion {
  /** Only the fields the text gave; validate it (or fill a form with it) next. */
  motion: Partial<Motion>;
  /**
   * What could not be placed or was unsure, in line order: `import_unrecognized` (error),
   * `import_ambiguous` and `import_names_missing` (warnings); `params.line` is 1-based.
   */
  issues: Issue[];
}

/**
 * Reads a motion pasted from Word or a PDF into its fields. The importer is a second
 * WebAssembly module, loaded on the first call (it stays out of the page's initial load).
 * Never throws for any text; a TypeError for unusable options.
 */
export function parseMotionText(text: string, options?: Pick<Options, 'profile' | 'lang'>): Promise<ParsedMotion>;
