//! `motion-validator`: the command-line tool (feature `cli`).

#[cfg(feature = "server")]
mod server;

use std::io::{self, Read, Write};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use motion_validator::{
    Date, Issue, Lang, Options, PathSegment, Profile, Report, Severity, Stage, Validator,
};

#[derive(Parser)]
#[command(
    name = "motion-validator",
    version,
    about = "Checks motions to Swedish municipal councils (kommunfullmäktige)."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Validate motion files (JSON). Exit 0: all valid; 1: some invalid;
    /// 2: usage error, unreadable file or malformed JSON.
    Check {
        /// A built-in profile (uppsala, lund, goteborg, riksdag) or a profile JSON
        /// file; default: the built-in default (uppsala).
        #[arg(long)]
        profile: Option<String>,
        /// Language of the messages.
        #[arg(long, default_value = "sv")]
        lang: Lang,
        /// `text` for people, `json` for one report per line (JSON Lines).
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// Today's date (YYYY-MM-DD); default: today in Sweden.
        #[arg(long)]
        today: Option<Date>,
        /// `submission` (default) or `registration` (diary number required, deadline checked).
        #[arg(long, default_value = "submission")]
        stage: Stage,
        /// Motion files; `-` reads standard input.
        #[arg(required = true)]
        files: Vec<String>,
    },
    /// Read a pasted motion text (from Word or a PDF) into motion JSON,
    /// printed on stdout; what could not be placed goes to stderr. Exit 0:
    /// read (and, with --validate, valid); 1: import errors or invalid;
    /// 2: usage error or unreadable file.
    Import {
        /// A built-in profile (uppsala, lund, goteborg, riksdag) or a profile JSON
        /// file; default: the built-in default (uppsala).
        #[arg(long)]
        profile: Option<String>,
        /// Language of the messages.
        #[arg(long, default_value = "sv")]
        lang: Lang,
        /// Today's date (YYYY-MM-DD) for --validate; default: today in Sweden.
        #[arg(long)]
        today: Option<Date>,
        /// Also validate the motion and print the report.
        #[arg(long)]
        validate: bool,
        /// The report's format with --validate.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// The text file; `-` reads standard input.
        file: String,
    },
    /// List the built-in profiles.
    Profiles,
    /// Print a built-in profile as JSON: a starting point for your own.
    Profile {
        /// The profile's name.
        name: String,
    },
    /// Serve the motion form (www/), the JSON API, the motions handed in
    /// (SQLite under --data) and the registrar's inbox (/registrator).
    #[cfg(feature = "server")]
    Serve(server::ServeArgs),
    /// Read a password on standard input and print its Argon2 hash, to put
    /// in the file given to `serve --registrar-password-file` instead of the
    /// password itself.
    #[cfg(feature = "server")]
    HashPassword,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    Text,
    Json,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let mut out = io::stdout().lock();
    let result = match cli.command {
        #[cfg(feature = "server")]
        Command::Serve(args) => Ok(server::run(args)),
        #[cfg(feature = "server")]
        Command::HashPassword => hash_password(&mut out),
        Command::Profiles => list_profiles(&mut out),
        Command::Profile { name } => match Profile::builtin(&name) {
            Ok(p) => writeln!(out, "{}", p.to_json_pretty()).map(|_| ExitCode::SUCCESS),
            Err(e) => {
                eprintln!("motion-validator: {e}");
                Ok(ExitCode::from(2))
            }
        },
        Command::Import {
            profile,
            lang,
            today,
            validate,
            format,
            file,
        } => {
            let options = |profile| Options {
                profile,
                lang,
                today,
                stage: Default::default(),
            };
            match load_profile(profile.as_deref())
                .and_then(|p| Validator::new(options(p)).map_err(|e| e.to_string()))
            {
                Ok(v) => import(&v, validate, format, &file, &mut out),
                Err(e) => {
                    eprintln!(
                        "motion-validator: --profile {}: {e}",
                        profile.unwrap_or_default()
                    );
                    Ok(ExitCode::from(2))
                }
            }
        }
        Command::Check {
            profile,
            lang,
            format,
            today,
            stage,
            files,
        } => {
            let options = |profile| Options {
                profile,
                lang,
                today,
                stage,
            };
            match load_profile(profile.as_deref())
                .and_then(|p| Validator::new(options(p)).map_err(|e| e.to_string()))
            {
                Ok(v) => check(&v, format, &files, &mut out),
                Err(e) => {
                    eprintln!(
                        "motion-validator: --profile {}: {e}",
                        profile.unwrap_or_default()
                    );
                    Ok(ExitCode::from(2))
                }
            }
        }
    };
    // A closed pipe (`| head`) is not an error worth a panic.
    result.unwrap_or(ExitCode::from(2))
}

#[cfg(feature = "server")]
fn hash_password(out: &mut impl Write) -> io::Result<ExitCode> {
    let mut text = String::new();
    io::stdin().lock().read_to_string(&mut text)?;
    let password = text.lines().next().unwrap_or("").trim_end_matches('\r');
    if password.chars().count() < 10 {
        eprintln!("motion-validator: give a password of at least 10 characters on standard input");
        return Ok(ExitCode::from(2));
    }
    match server::hash_password(password) {
        Ok(hash) => writeln!(out, "{hash}").map(|_| ExitCode::SUCCESS),
        Err(e) => {
            eprintln!("motion-validator: {e}");
            Ok(ExitCode::from(2))
        }
    }
}

fn list_profiles(out: &mut impl Write) -> io::Result<ExitCode> {
    for name in Profile::builtin_names() {
        if let Ok(p) = Profile::builtin(name) {
            writeln!(
                out,
                "{name:10} {}  ({})",
                p.display_name,
                p.diary_number_formats.join(", ")
            )?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn load_profile(arg: Option<&str>) -> Result<Profile, String> {
    let Some(arg) = arg else {
        return Ok(Profile::default());
    };
    if Profile::builtin_names().any(|n| n == arg) {
        return Profile::builtin(arg).map_err(|e| e.to_string());
    }
    let text = std::fs::read_to_string(arg).map_err(|e| {
        format!(
            "not a built-in profile ({}) and not a readable file: {e}",
            Profile::builtin_names().collect::<Vec<_>>().join(", ")
        )
    })?;
    Profile::from_json(&text).map_err(|e| e.to_string())
}

/// What was read of an input: all of it, or the fact that it is larger
/// than `limit` (and its size, where the file system knows it).
enum Input {
    Whole(Vec<u8>),
    TooLarge(usize),
}

/// Reads at most `limit + 1` bytes: `check -` with 300 MB on stdin, or
/// `check /dev/zero`, must not read (or hold) more than the limit.
fn read_input(file: &str, limit: usize) -> io::Result<Input> {
    let mut buf = Vec::new();
    let known_size = if file == "-" {
        io::stdin()
            .lock()
            .take(limit as u64 + 1)
            .read_to_end(&mut buf)?;
        None
    } else {
        let f = std::fs::File::open(file)?;
        let size = f.metadata().ok().filter(|m| m.is_file()).map(|m| m.len());
        f.take(limit as u64 + 1).read_to_end(&mut buf)?;
        size
    };
    Ok(if buf.len() > limit {
        // Past the limit of a pipe or a device, its size is unknown: say
        // the least it is.
        let size = known_size.and_then(|s| usize::try_from(s).ok());
        Input::TooLarge(size.unwrap_or(buf.len()).max(buf.len()))
    } else {
        Input::Whole(buf)
    })
}

/// A value shown on a terminal: control characters (and bidirectional
/// overrides) made visible as `\u{1b}`, so a motion cannot set a
/// terminal's title or colours, or hide text. JSON output is not touched.
fn visible(text: &str) -> std::borrow::Cow<'_, str> {
    let hidden =
        |c: char| c.is_control() || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}');
    if !text.chars().any(hidden) {
        return text.into();
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if hidden(c) {
            out.push_str(&format!("\\u{{{:x}}}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    out.into()
}

fn check(
    v: &Validator,
    format: Format,
    files: &[String],
    out: &mut impl Write,
) -> io::Result<ExitCode> {
    let mut code = 0u8;
    let limit = v.profile().profile().limits.input_bytes;
    for file in files {
        let report = match read_input(file, limit) {
            Ok(Input::Whole(input)) => v.validate_json(&input),
            Ok(Input::TooLarge(size)) => v.input_too_large(size),
            Err(e) => {
                eprintln!("motion-validator: {}: {e}", visible(file));
                code = 2;
                continue;
            }
        };
        if let Some(bad) = report
            .issues
            .iter()
            .find(|i| i.code.as_str() == "invalid_json")
        {
            eprintln!(
                "motion-validator: {}:{}:{}: not valid JSON ({})",
                visible(file),
                bad.params["line"],
                bad.params["column"],
                match bad.params["problem"].as_str() {
                    Some("eof") => "it ends too early",
                    Some("syntax") => "syntax error",
                    _ => "invalid data",
                }
            );
            code = 2;
        } else if !report.valid {
            code = code.max(1);
        }
        match format {
            Format::Json => writeln!(out, "{}", report.to_json())?,
            Format::Text => print_text(file, &report, v.lang(), out)?,
        }
    }
    Ok(ExitCode::from(code))
}

fn import(
    v: &Validator,
    validate: bool,
    format: Format,
    file: &str,
    out: &mut impl Write,
) -> io::Result<ExitCode> {
    let limit = v.profile().profile().limits.input_bytes;
    let text = match read_input(file, limit) {
        Ok(Input::Whole(bytes)) => match String::from_utf8(bytes) {
            Ok(t) => t,
            Err(_) => {
                eprintln!("motion-validator: {}: not UTF-8 text", visible(file));
                return Ok(ExitCode::from(2));
            }
        },
        Ok(Input::TooLarge(size)) => {
            let report = v.input_too_large(size);
            let mut err = io::stderr().lock();
            for issue in &report.issues {
                write_issue(issue, v.lang() == Lang::Sv, &mut err)?;
            }
            return Ok(ExitCode::from(1));
        }
        Err(e) => {
            eprintln!("motion-validator: {}: {e}", visible(file));
            return Ok(ExitCode::from(2));
        }
    };
    let parsed = v.parse_motion_text(&text);
    writeln!(
        out,
        "{}",
        serde_json::to_string_pretty(&parsed.motion).unwrap_or_default()
    )?;
    let sv = v.lang() == Lang::Sv;
    let mut err = io::stderr().lock();
    for issue in &parsed.issues {
        write_issue(issue, sv, &mut err)?;
    }
    let mut code = u8::from(parsed.issues.iter().any(Issue::is_error));
    if validate {
        let report = v.validate(&parsed.motion);
        if !report.valid {
            code = 1;
        }
        match format {
            Format::Json => writeln!(out, "{}", report.to_json())?,
            Format::Text => print_text(file, &report, v.lang(), out)?,
        }
    }
    Ok(ExitCode::from(code))
}

fn print_text(file: &str, report: &Report, lang: Lang, out: &mut impl Write) -> io::Result<()> {
    let sv = lang == Lang::Sv;
    let errors = report.errors().count();
    let warnings = report.issues.len() - errors;
    let verdict = match (report.valid, sv) {
        (true, true) => "godkänd".to_owned(),
        (true, false) => "valid".to_owned(),
        (false, true) => format!("inte godkänd, {errors} fel"),
        (false, false) => format!(
            "invalid, {errors} error{}",
            if errors == 1 { "" } else { "s" }
        ),
    };
    let warn = match (warnings, sv) {
        (0, _) => String::new(),
        (1, true) => ", 1 varning".into(),
        (n, true) => format!(", {n} varningar"),
        (1, false) => ", 1 warning".into(),
        (n, false) => format!(", {n} warnings"),
    };
    writeln!(out, "{}: {verdict}{warn}", visible(file))?;
    for issue in &report.issues {
        write_issue(issue, sv, out)?;
    }
    Ok(())
}

fn write_issue(issue: &Issue, sv: bool, out: &mut impl Write) -> io::Result<()> {
    let mark = match issue.severity {
        Severity::Error => {
            if sv {
                "fel"
            } else {
                "error"
            }
        }
        Severity::Warning => {
            if sv {
                "varning"
            } else {
                "warning"
            }
        }
    };
    let mut path = String::new();
    for seg in &issue.path {
        match seg {
            PathSegment::Key(k) if path.is_empty() => path.push_str(k),
            PathSegment::Key(k) => {
                path.push('.');
                path.push_str(k);
            }
            PathSegment::Index(i) => path.push_str(&format!("[{i}]")),
        }
    }
    let path = if path.is_empty() {
        "(motion)".to_owned()
    } else {
        path
    };
    writeln!(
        out,
        "  {mark:7} {}: {} [{}]",
        visible(&path),
        visible(&issue.message),
        issue.code
    )?;
    if let Some(s) = &issue.suggestion {
        writeln!(
            out,
            "          {}: {}",
            if sv { "förslag" } else { "suggestion" },
            visible(s)
        )?;
    }
    Ok(())
}
