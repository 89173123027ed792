//! `dra-playground diff`: two runs side by side, and what differs in their outcomes (a pod
//! that moves or becomes unschedulable, a claim that gets other devices), with why
//! (`dra_engine::compare`). Two files, or one under two Kubernetes versions (`--versions`) or
//! with some gates set (`--gates`). Exit status 0 when the outcomes are the same, 1 when they
//! differ (for documentation CI), 2 on invalid input.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::ExitCode;

use crate::input::load;
use dra_engine::compare::{compare_analyses, under_gates, under_versions, Comparison};
use dra_engine::diagnostic::Diagnostic;
use dra_engine::playground::analyze_loaded;
use dra_engine::scenario_text::original_line;
use dra_engine::RunOptions;

use crate::input::{self, Input};
use crate::scheduler_args::SchedulerArgs;

/// How a comparison is printed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum DiffFormat {
    /// The differences in words, one a line.
    #[default]
    Text,
    /// The differences as JSON.
    Json,
}

/// Arguments of `diff`.
#[derive(clap::Args)]
pub struct DiffArgs {
    /// The scenario file (the left side); `-` reads standard input.
    left: PathBuf,
    /// The right side's scenario file; without it, `--versions` or `--gates` makes the right
    /// side from the left.
    right: Option<PathBuf>,
    /// The scenario under two Kubernetes versions: `LEFT,RIGHT` (`1.34,1.36`), each written
    /// into its Scenario document.
    #[arg(long, value_name = "LEFT,RIGHT", conflicts_with_all = ["right", "gates"])]
    versions: Option<String>,
    /// The scenario as written against the same with these gates set: `GATE=true,GATE=false`.
    #[arg(long, value_name = "GATE=BOOL,...", conflicts_with = "right")]
    gates: Option<String>,
    /// Hand the decoded objects to the allocator as written, without the apiserver's
    /// validation (both sides).
    #[arg(long)]
    skip_validation: bool,
    /// Output format.
    #[arg(long, short, value_enum, default_value_t)]
    output: DiffFormat,
    #[command(flatten)]
    scheduler: SchedulerArgs,
}

/// One side: its text, its name in messages, and the file its lines are reported in.
struct SideInput {
    text: String,
    label: String,
    /// The file read, when the text is an edit of it (the versions and gates forms).
    edited_from: Option<Input>,
    input: Input,
}

impl SideInput {
    fn file(input: Input) -> SideInput {
        SideInput {
            text: input.text.clone(),
            label: input.name.clone(),
            edited_from: None,
            input,
        }
    }

    /// The side's problems as `FILE:LINE:COLUMN: message (LABEL)`, at the file's lines.
    fn locate(&self, d: &Diagnostic) -> String {
        match &self.edited_from {
            None => self.input.locate(d),
            Some(file) => format!(
                "{}:{}:{}: {} ({})",
                file.name,
                original_line(&file.text, &self.text, d.span.start.line),
                d.span.start.column,
                d.message,
                self.label
            ),
        }
    }
}

/// Runs the command.
pub fn run(args: &DiffArgs) -> ExitCode {
    let (left, right) = match sides(args) {
        Ok(sides) => sides,
        Err(message) => {
            eprintln!("{message}");
            return ExitCode::from(crate::EXIT_INVALID_INPUT);
        }
    };
    let options = RunOptions {
        skip_validation: args.skip_validation,
    };
    let scheduler = args.scheduler.scheduler_options();
    let mut refused = false;
    let mut analyses = Vec::new();
    for side in [&left, &right] {
        let loaded = load(&side.text, &options);
        let errors: Vec<Diagnostic> = dra_engine::pipeline::problems(&loaded)
            .into_iter()
            .filter(Diagnostic::is_error)
            .collect();
        for e in &errors {
            eprintln!("{}", side.locate(e));
        }
        refused |= !errors.is_empty();
        analyses.push(analyze_loaded(loaded, &scheduler));
    }
    if refused {
        return ExitCode::from(crate::EXIT_INVALID_INPUT);
    }
    let right_analysis = analyses.pop().expect("two sides");
    let left_analysis = analyses.pop().expect("two sides");
    let mut comparison = compare_analyses(left_analysis, right_analysis);
    comparison.left.label = left.label;
    comparison.right.label = right.label;
    match args.output {
        DiffFormat::Text => print!("{}", text(&comparison)),
        DiffFormat::Json => {
            // The differences, without both runs.
            let json = serde_json::json!({
                "left": comparison.left.label,
                "right": comparison.right.label,
                "sameOutcome": comparison.same_outcome(),
                "settings": comparison.settings,
                "pods": comparison.pods,
                "claims": comparison.claims,
            });
            println!(
                "{}",
                serde_json::to_string_pretty(&json).unwrap_or_default()
            );
        }
    }
    if comparison.same_outcome() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// The two sides the arguments name.
fn sides(args: &DiffArgs) -> Result<(SideInput, SideInput), String> {
    let left = input::read(&args.left)?;
    if let Some(right) = &args.right {
        return Ok((SideInput::file(left), SideInput::file(input::read(right)?)));
    }
    let edited = |text: String, label: String| SideInput {
        text,
        label,
        edited_from: Some(Input {
            name: left.name.clone(),
            text: left.text.clone(),
        }),
        input: Input {
            name: left.name.clone(),
            text: left.text.clone(),
        },
    };
    if let Some(versions) = &args.versions {
        let Some((a, b)) = versions
            .split_once(',')
            .filter(|(a, b)| !a.is_empty() && !b.is_empty())
        else {
            return Err(format!(
                "--versions {versions:?}: give two versions, LEFT,RIGHT (such as 1.34,1.36)"
            ));
        };
        let (a, b) = (a.trim(), b.trim());
        let (left_text, right_text) = under_versions(&left.text, a, b);
        return Ok((
            edited(left_text, format!("{} under Kubernetes {a}", left.name)),
            edited(right_text, format!("{} under Kubernetes {b}", left.name)),
        ));
    }
    if let Some(gates) = &args.gates {
        let gates = parse_gates(gates)?;
        let right_text = under_gates(&left.text, &gates);
        let set: Vec<String> = gates.iter().map(|(g, on)| format!("{g}={on}")).collect();
        let label = format!("{} with {}", left.name, set.join(", "));
        let right = edited(right_text, label);
        return Ok((SideInput::file(left), right));
    }
    Err("diff needs a second scenario, --versions LEFT,RIGHT or --gates GATE=BOOL,...".to_owned())
}

/// `GATE=true,GATE=false` as a map.
fn parse_gates(text: &str) -> Result<BTreeMap<String, bool>, String> {
    text.split(',')
        .map(|part| {
            let (gate, value) = part
                .split_once('=')
                .ok_or_else(|| format!("--gates: {part:?} is not GATE=true or GATE=false"))?;
            let on = value
                .trim()
                .parse::<bool>()
                .map_err(|_| format!("--gates: {part:?}: the value must be true or false"))?;
            Ok((gate.trim().to_owned(), on))
        })
        .collect()
}

/// The comparison in words: both sides, what differs, and a last line with the verdict.
fn text(c: &Comparison) -> String {
    let mut out = format!(
        "left:  {} ({})\nright: {} ({})\n",
        c.left.label,
        c.left.analysis.status_line(),
        c.right.label,
        c.right.analysis.status_line()
    );
    let settings = c.settings.len();
    for (i, line) in c.lines().iter().enumerate() {
        out.push_str(if i < settings { "  setting " } else { "  " });
        out.push_str(line);
        out.push('\n');
    }
    let differences = c.pods.len() + c.claims.len();
    out.push_str(&if differences == 0 {
        "the outcomes are the same\n".to_owned()
    } else {
        format!(
            "the outcomes differ: {} pod{} and {} claim{}\n",
            c.pods.len(),
            if c.pods.len() == 1 { "" } else { "s" },
            c.claims.len(),
            if c.claims.len() == 1 { "" } else { "s" }
        )
    });
    out
}
