// The typed JS API over the raw wasm-bindgen exports. Shared by the browser
// entry (web.js) and the Node entry (node.js). Values cross as JSON text,
// except that in Node a motion of the usual shape is written straight into
// WebAssembly memory (js/tape.js); a string being typed into one field
// crosses as a plain string.

const CACHE_LIMIT = 16;
// The largest buffer a validator keeps for typed values (bytes): a longer
// value (a whole pasted background text) crosses as a string.
const SCRATCH_MAX = 1 << 16;
const utf8 = new TextEncoder();

function pad(n) {
  return n < 10 ? `0${n}` : `${n}`;
}

function localIsoDate(d) {
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

// JSON text for any JS value, never throwing: undefined and functions become
// null; BigInt becomes a number; cycles and unreadable getters become null.
function toJson(value, wellFormed) {
  if (!wellFormed) {
    try {
      const s = JSON.stringify(value);
      return s === undefined ? 'null' : s;
    } catch {
      // fall through to the careful path
    }
  }
  const seen = new WeakSet();
  try {
    const s = JSON.stringify(value, function replacer(_key, v) {
      if (typeof v === 'bigint') return Number(v);
      if (typeof v === 'string') return wellFormed && v.toWellFormed ? v.toWellFormed() : v;
      if (typeof v === 'object' && v !== null) {
        if (seen.has(v)) return null;
        seen.add(v);
      }
      return v;
    });
    return s === undefined ? 'null' : s;
  } catch {
    return 'null';
  }
}

// Any value as a string, never throwing (Object.create(null) has no
// toString; a getter may throw).
function text(value) {
  if (typeof value === 'string') return value;
  if (value === undefined || value === null) return '';
  try {
    return String(value);
  } catch {
    return '';
  }
}

/**
 * Writes `s` as UTF-8 into `mem` at `at` (room up to `end`, at least three
 * bytes per UTF-16 unit); gives the bytes written. Short ASCII (diary
 * numbers, dates, codes) byte by byte, which is faster than encodeInto for
 * a few bytes; encodeInto writes anything else, a lone surrogate as U+FFFD
 * (as any string crossing into WebAssembly).
 */
export function writeUtf8(mem, at, end, s) {
  const n = s.length;
  if (n <= 64) {
    let i = 0;
    for (; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c > 0x7f) break;
      mem[at + i] = c;
    }
    if (i === n) return n;
  }
  return utf8.encodeInto(s, mem.subarray(at, end)).written;
}

// UTF-8 length of a JS string without building the bytes.
function utf8Length(s) {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n += 4;
        i++;
      } else n += 3;
    } else n += 3;
  }
  return n;
}

// The size in UTF-8 bytes when it is over `limit` (a string has at least
// as many bytes as UTF-16 units, so most text is cleared without counting).
function overLimit(s, limit) {
  if (s.length <= limit / 3) return 0;
  const n = utf8Length(s);
  return n > limit ? n : 0;
}

function pathJson(path) {
  if (!Array.isArray(path)) path = [path];
  if (path.length === 1 && typeof path[0] === 'string' && /^[A-Za-z]+$/.test(path[0])) {
    return `["${path[0]}"]`;
  }
  return toJson(path.map((s) => (typeof s === 'number' ? s : text(s))));
}

// The keystroke fast path: a string field's path as (code, index). The
// numbering is the engine's own (Field::STRING_FIELDS), read from the
// module once: `#` in a template is where an item's index goes.
function makeFieldCode(table) {
  const top = new Map();
  const nested = new Map();
  table.stringFields.forEach((tpl, code) => {
    if (tpl.length === 1) top.set(tpl[0], code);
    else nested.set(`${tpl[0]}/${tpl.slice(2).join('/')}`, code);
  });
  return function fieldCode(path) {
    if (!Array.isArray(path)) return -1;
    // The common case first, without destructuring (it allocates).
    if (path.length === 1) return typeof path[0] === 'string' ? top.get(path[0]) ?? -1 : -1;
    const [a, b, ...rest] = path;
    if (typeof a !== 'string') return -1;
    if (!Number.isInteger(b) || b < 0 || b > 0xffffffff) return -1;
    if (!rest.every((k) => typeof k === 'string')) return -1;
    return nested.get(`${a}/${rest.join('/')}`) ?? -1;
  };
}

// A report's JSON with `normalized` (always its last key) parsed on first
// access: most callers read only `valid` and `issues`. The property is an
// enumerable own property in the same place, so JSON.stringify, spreading
// and structuredClone see the same report as before.
// A `0` in place of a string of `normalized` stands for the input's own
// string at that place (the engine writes it so when they are equal):
// `source` is the JSON text that was validated, or the strings the tape
// walk wrote (js/tape.js), found by `numbers`.
const NORMALIZED = ',"normalized":';
// A string as it crossed: a lone surrogate became U+FFFD on the way.
function wellFormed(s) {
  return typeof s === 'string' && s.isWellFormed && !s.isWellFormed() ? s.toWellFormed() : s;
}
function restore(n, source, numbers) {
  let get;
  if (typeof source === 'string') {
    const m = JSON.parse(source);
    get = (key, i, field) => (i < 0 ? m[key] : field ? m[key][i][field] : m[key][i]);
  } else {
    // The tape walk's strings (js/tape.js): `source[numbers.keys[key]]` is
    // where a key's start, two places per list item (a signatory's name
    // and party at their numbers).
    get = (key, i, field) =>
      source[source[numbers.keys[key]] + (i < 0 ? 0 : 2 * i + (field ? numbers.signatoryKeys[field] : 0))];
  }
  const own = (v, key, i = -1, field = '') => (v === 0 ? wellFormed(get(key, i, field)) : v);
  n.title = own(n.title, 'title');
  n.body = own(n.body, 'body');
  n.proposals = n.proposals.map((p, i) => own(p, 'proposals', i));
  n.signatories.forEach((s, i) => {
    s.name = own(s.name, 'signatories', i, 'name');
    s.party = own(s.party, 'signatories', i, 'party');
  });
  n.submittedOn = own(n.submittedOn, 'submittedOn');
  if ('diaryNumber' in n) n.diaryNumber = own(n.diaryNumber, 'diaryNumber');
  return n;
}
// The common report's head, read without JSON.parse.
const VALID_NO_ISSUES = '{"valid":true,"issues":[]';
function settle(report, value) {
  Object.defineProperty(report, 'normalized', { value, writable: true, enumerable: true, configurable: true });
  return value;
}
export function readReport(out, source, numbers) {
  if (out.startsWith('{"valid":false')) return JSON.parse(out);
  const k = out.lastIndexOf(NORMALIZED);
  if (k < 0) return JSON.parse(out);
  const tail = out.slice(k + NORMALIZED.length, -1);
  const head =
    k === VALID_NO_ISSUES.length && out.startsWith(VALID_NO_ISSUES)
      ? { valid: true, issues: [] }
      : JSON.parse(`${out.slice(0, k)}}`);
  // An object literal with the accessor, not Object.defineProperty on a
  // parsed object: V8 builds the literal from a template, about 1 us less
  // per call (Node, valid motion). The first read replaces the accessor
  // with the value.
  return {
    valid: head.valid,
    issues: head.issues,
    get normalized() {
      return settle(this, restore(JSON.parse(tail), source, numbers));
    },
    set normalized(value) {
      settle(this, value);
    },
  };
}

function optionArgs(options) {
  const o = options && typeof options === 'object' ? options : {};
  const profile =
    o.profile && typeof o.profile === 'object' ? toJson(o.profile, true) : text(o.profile);
  return [profile, text(o.lang), text(o.today), text(o.stage)];
}

// "Klistra in motion": `loadImporter()` gives the importer module's raw
// exports (loaded on first use: it is a second .wasm, kept out of the
// page's initial load). Never throws for any text; TypeError for options.
export function makeParse(loadImporter) {
  return async function parseMotionText(pasted, options) {
    const raw = await loadImporter();
    const [profile, lang] = optionArgs(options);
    const input = text(pasted);
    let out;
    try {
      // A text over the profile's limit is refused before it is copied
      // into WebAssembly memory (a 200 MB paste must not cost 200 MB there).
      const big = overLimit(input, raw.inputLimit(profile));
      out = big ? raw.tooLargeJson(profile, lang, big) : raw.parseMotionTextJson(input, profile, lang);
    } catch (e) {
      throw new TypeError(`motion-validator: ${typeof e === 'string' ? e : e?.message ?? e}`);
    }
    return JSON.parse(out);
  };
}

/**
 * The package's API over a module's raw exports. `makeTape`, where given
 * (js/tape.js; the Node entry), writes motions straight into WebAssembly
 * memory; without it (the browser entry) every motion crosses as JSON.
 */
export function makeApi(raw, makeTape) {
  let table;
  let fieldCode;
  let tapeNumbers;
  function fieldTable() {
    if (!table) {
      table = JSON.parse(raw.fieldTableJson());
      fieldCode = makeFieldCode(table);
      // A key's number on the tape is its place in the table.
      // Null-prototype: "toString" is no key of ours.
      const numbers = (list) => list.reduce((o, k, i) => ((o[k] = i), o), Object.create(null));
      tapeNumbers = { keys: numbers(table.keys), signatoryKeys: numbers(table.signatoryKeys) };
    }
    return table;
  }

  // The module's memory as bytes, renewed when it grows (growing
  // detaches the old buffer: its length reads 0).
  let bytes = null;
  function memoryBytes() {
    if (bytes === null || bytes.byteLength === 0) bytes = new Uint8Array(raw.wasmMemory().buffer);
    return bytes;
  }

  class Validator {
    #raw;
    #fixedToday;
    #todayUntil = 0;
    #scratch = 0;
    #scratchSize = 0;
    #limit;
    #tape;

    /**
     * Compiles the profile, language and limits once.
     * Throws a TypeError for options that cannot be used (an unknown
     * profile name, a malformed date); never for a motion.
     */
    constructor(options) {
      try {
        this.#raw = new raw.RawValidator(...optionArgs(options));
      } catch (e) {
        throw new TypeError(`motion-validator: ${typeof e === 'string' ? e : e?.message ?? e}`);
      }
      this.#fixedToday = this.#raw.todayFixed;
      this.#limit = this.#raw.inputLimit;
    }

    // Keeps today's date (the local date) current across midnight.
    #refreshToday() {
      if (this.#fixedToday) return;
      const now = Date.now();
      if (now < this.#todayUntil) return;
      const d = new Date(now);
      this.#raw.setToday(localIsoDate(d));
      this.#todayUntil = new Date(d.getFullYear(), d.getMonth(), d.getDate() + 1).getTime();
    }

    validate(motion) {
      this.#refreshToday();
      if (makeTape) {
        if (!this.#tape) {
          fieldTable();
          this.#tape = makeTape(this.#raw, raw.wasmMemory, tapeNumbers);
        }
        const fast = this.#tape(motion, this.#limit);
        if (fast !== undefined) return fast;
      }
      const json = toJson(motion, false);
      const big = overLimit(json, this.#limit);
      if (big) return JSON.parse(this.#raw.tooLargeJson(big));
      const report = readReport(this.#raw.validateJsonShort(json), json);
      // JSON cannot carry lone surrogates to Rust; retry with them replaced
      // (U+FFFD), which the rules then report as a forbidden character.
      if (report.issues.length === 1 && report.issues[0].code === 'invalid_json') {
        const wellFormed = toJson(motion, true);
        return readReport(this.#raw.validateJsonShort(wellFormed), wellFormed);
      }
      return report;
    }

    validateField(path, value) {
      this.#refreshToday();
      let out;
      if (!fieldCode) fieldTable();
      const code = typeof value === 'string' ? fieldCode(path) : -1;
      const n = code >= 0 ? this.#write(value) : -1;
      if (n >= 0) {
        const found = this.#raw.validateFieldScratch(code, path.length > 1 ? path[1] : 0, n);
        return found === 0 ? [] : JSON.parse(this.#raw.takeFieldIssues());
      } else if (typeof value === 'string') out = this.#raw.validateField(pathJson(path), value, true);
      else out = this.#raw.validateField(pathJson(path), toJson(value, true), false);
      return out === undefined ? [] : JSON.parse(out);
    }

    // The keystroke path: a field's value written as UTF-8 straight into
    // a buffer the validator keeps in the module's memory; its length in
    // bytes, or -1 for a value too long to keep a buffer for, which
    // crosses as a string instead.
    #write(s) {
      const n = s.length;
      if (n > SCRATCH_MAX / 3) return -1;
      if (n * 3 > this.#scratchSize) {
        this.#scratchSize = Math.max(256, n * 3);
        this.#scratch = this.#raw.fieldScratch(this.#scratchSize);
      }
      return writeUtf8(memoryBytes(), this.#scratch, this.#scratch + this.#scratchSize, s);
    }

    normalizeDiaryNumber(value) {
      this.#refreshToday(); // a two-digit year is read against today
      const out = this.#raw.normalizeDiaryNumber(text(value));
      return out === '' ? null : out;
    }

    /** The profile in use, as given (or as shipped, for a built-in one). */
    get profile() {
      return JSON.parse(this.#raw.profileJson());
    }

    /** Releases the WebAssembly memory now instead of at garbage collection. */
    free() {
      this.#raw.free();
    }
  }

  let defaultValidator;
  const byOptions = new Map();
  const heldBySchema = new WeakSet();
  function validatorFor(options) {
    if (options === undefined || options === null) {
      defaultValidator ??= new Validator();
      return defaultValidator;
    }
    const key = toJson(options, true);
    let v = byOptions.get(key);
    if (!v) {
      if (byOptions.size >= CACHE_LIMIT) {
        const [oldKey, old] = byOptions.entries().next().value;
        byOptions.delete(oldKey);
        if (!heldBySchema.has(old)) old.free();
      }
      v = new Validator(options);
      byOptions.set(key, v);
    }
    return v;
  }

  let builtins;
  function builtinProfiles() {
    builtins ??= JSON.parse(raw.builtinProfilesJson());
    return builtins;
  }

  function motionSchema(options) {
    // A schema may be held for the page's whole life: the cache must never
    // free its validator when it evicts it.
    const v = validatorFor(options);
    heldBySchema.add(v);
    return {
      '~standard': {
        version: 1,
        vendor: 'motion-validator',
        validate(value) {
          const report = v.validate(value);
          if (report.valid) return { value: report.normalized };
          return {
            issues: report.issues
              .filter((i) => i.severity === 'error')
              .map((i) => ({ message: i.message, path: i.path })),
          };
        },
      },
    };
  }

  return {
    Validator,
    validate: (motion, options) => validatorFor(options).validate(motion),
    validateField: (path, value, options) => validatorFor(options).validateField(path, value),
    normalizeDiaryNumber: (text, profile) =>
      validatorFor(profile === undefined ? undefined : { profile }).normalizeDiaryNumber(text),
    profiles: () =>
      builtinProfiles().map((p) => ({
        name: p.name,
        displayName: p.displayName,
        parties: p.parties.map((x) => ({ code: x.code, name: x.name })),
        diaryNumberFormats: p.diaryNumberFormats,
      })),
    profile: (name) => {
      const p = builtinProfiles().find((x) => x.name === name);
      return p ? structuredClone(p) : null;
    },
    motionSchema,
    fields: () => structuredClone(fieldTable()),
  };
}
