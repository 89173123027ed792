//! ANTLR's parsing machinery as cel-go configures it, for the hand-written
//! rules: the token stream (tokens are read from the lexer only when the
//! parser looks at them, which decides when the lexer's errors are
//! reported), the rule stack, and ANTLR's default error strategy (report an
//! error once, then recover: delete one extraneous token, make up one
//! missing token, or skip to a token that can follow) with cel-go's limits
//! on recovery attempts, on the tokens one recovery may skip, and on how
//! deeply each rule nests.

use super::grammar::{self, State};
use super::lexer::{Lexer, Token};
use super::limits::Limits;
use super::report::{Reporter, Stop};
use super::token::{Kind, TokenSet, EOF};

/// The number of rules of the grammar.
const RULES: usize = 17;

/// The rules of the grammar, numbered as ANTLR numbers them (a rule's
/// start state is twice its number).
#[derive(Clone, Copy)]
pub enum Rule {
    Start,
    Expr,
    ConditionalOr,
    ConditionalAnd,
    Relation,
    Calc,
    Unary,
    Member,
    Primary,
    ExprList,
    ListInit,
    FieldInitializerList,
    OptField,
    MapInitializerList,
    EscapeIdent,
    OptExpr,
    Literal,
}

/// Why a rule stopped early.
pub enum Flow {
    /// A syntax error: the rule reports it and recovers.
    Failed(Failure),
    /// Parsing stopped (a limit was reached).
    Stopped,
}

/// A syntax error, as ANTLR describes it before reporting it.
pub enum Failure {
    /// No alternative of a decision fits the tokens from `start` to
    /// `offending` (token indices).
    NoViableAlt { start: usize, offending: usize },
    /// The token at `offending` is not one of `expected`.
    InputMismatch {
        offending: usize,
        expected: TokenSet,
    },
}

/// The outcome of a step of a rule.
pub type Step<T> = Result<T, Flow>;

pub struct Recognizer<'a> {
    chars: &'a [char],
    lexer: Lexer<'a>,
    /// The tokens read so far, hidden ones included.
    tokens: Vec<Token>,
    /// The index of the current token (never a hidden one).
    index: usize,
    pub reporter: Reporter,
    /// The ATN state the parser is in.
    pub state: State,
    /// The states that invoked the active rules (the start rule's excluded).
    invoking: Vec<State>,
    /// How many times each rule is active.
    rule_depth: [usize; RULES],
    limits: Limits,
    /// The precedence of each active left-recursive rule.
    precedence: Vec<u8>,
    /// Reporting is off between an error and the next matched token.
    recovering: bool,
    /// The token index of the last recovery, and the states of the
    /// recoveries since the last matched token.
    last_recovery_index: Option<usize>,
    last_recovery_states: Vec<State>,
    recovery_attempts: usize,
}

impl<'a> Recognizer<'a> {
    /// A parser of `chars` within `limits`.
    pub fn new(chars: &'a [char], limits: Limits) -> Recognizer<'a> {
        let mut r = Recognizer {
            chars,
            lexer: Lexer::new(chars),
            tokens: Vec::new(),
            index: 0,
            reporter: Reporter::new(limits.syntax_errors),
            state: 0,
            invoking: Vec::new(),
            rule_depth: [0; RULES],
            limits,
            precedence: Vec::new(),
            recovering: false,
            last_recovery_index: None,
            last_recovery_states: Vec::new(),
            recovery_attempts: 0,
        };
        r.index = r.next_on_channel(0);
        r
    }

    // The token stream.

    /// Reads tokens until there is one at index `i`; false past the end.
    fn sync(&mut self, i: usize) -> bool {
        while self.tokens.len() <= i {
            if self.tokens.last().is_some_and(|t| t.kind == EOF) {
                return false;
            }
            let t = self.lexer.next_token(&mut self.reporter);
            self.tokens.push(t);
        }
        true
    }

    /// The first token at or after `i` that is not hidden.
    fn next_on_channel(&mut self, mut i: usize) -> usize {
        self.sync(i);
        while self.tokens[i].hidden {
            i += 1;
            self.sync(i);
        }
        i
    }

    /// The index of the `k`-th token from the current one (1: current).
    pub fn lt_index(&mut self, k: usize) -> usize {
        let mut i = self.index;
        for _ in 1..k {
            if self.sync(i + 1) {
                i = self.next_on_channel(i + 1);
            }
        }
        i
    }

    /// The `k`-th token from the current one (1: current).
    pub fn lt(&mut self, k: usize) -> Token {
        let i = self.lt_index(k);
        self.tokens[i]
    }

    /// The type of the `k`-th token from the current one.
    pub fn la(&mut self, k: usize) -> Kind {
        self.lt(k).kind
    }

    /// The token before the current one, if any.
    fn previous(&self) -> Option<Token> {
        self.tokens[..self.index]
            .iter()
            .rev()
            .find(|t| !t.hidden)
            .copied()
    }

    /// Moves past the current token (not past the end).
    fn consume(&mut self) {
        if self.tokens[self.index].kind != EOF && self.sync(self.index + 1) {
            self.index = self.next_on_channel(self.index + 1);
        }
    }

    /// The text of a token.
    pub fn text(&self, t: &Token) -> String {
        self.chars[t.start as usize..t.stop as usize]
            .iter()
            .collect()
    }

    // Rules.

    /// Enters a rule (its start state), invoked from the current state.
    pub fn enter(&mut self, rule: Rule) -> Step<()> {
        if !matches!(rule, Rule::Start) {
            self.invoking.push(self.state);
        }
        self.state = 2 * rule as State;
        let depth = &mut self.rule_depth[rule as usize];
        *depth += 1;
        if *depth > self.limits.depth {
            let max = self.limits.depth;
            self.reporter
                .stop(format!("expression recursion limit exceeded: {max}"));
        }
        if self.reporter.is_stopped() {
            return Err(Flow::Stopped);
        }
        Ok(())
    }

    /// Enters a left-recursive rule with a precedence.
    pub fn enter_recursive(&mut self, rule: Rule, precedence: u8) -> Step<()> {
        self.precedence.push(precedence);
        self.enter(rule)
    }

    /// Leaves a rule: back to the state that invoked it.
    pub fn exit(&mut self, rule: Rule) {
        let depth = &mut self.rule_depth[rule as usize];
        *depth = depth.saturating_sub(1);
        if let Some(state) = self.invoking.pop() {
            self.state = state;
        }
    }

    /// Leaves a left-recursive rule (the state stays where the rule was).
    pub fn exit_recursive(&mut self, rule: Rule) {
        let state = self.state;
        self.exit(rule);
        self.state = state;
        self.precedence.pop();
    }

    /// The precedence the current left-recursive rule was entered with.
    pub fn precedence(&self) -> u8 {
        self.precedence.last().copied().unwrap_or(0)
    }

    /// Ends a rule's body: a syntax error is reported and recovered from.
    pub fn finish(&mut self, outcome: Step<()>) -> Step<()> {
        match outcome {
            Ok(()) => Ok(()),
            Err(Flow::Stopped) => Err(Flow::Stopped),
            Err(Flow::Failed(failure)) => {
                self.report_error(failure);
                self.recover()
            }
        }
    }

    // Matching.

    /// Matches a token of type `kind` at `state`; when it is missing, the
    /// error strategy deletes one extraneous token before it or makes one
    /// up (if the current token fits at `after`, the state after it).
    pub fn expect(&mut self, state: State, kind: Kind, after: State) -> Step<Token> {
        self.state = state;
        let t = self.lt(1);
        if t.kind == kind {
            self.end_error_condition();
            self.consume();
            return Ok(t);
        }
        self.check_recovery_attempts()?;
        let expected = TokenSet::of(&[kind]);
        let mut budget = self.limits.recovery_lookahead;
        if expected.contains(self.la(2)) {
            self.report_unwanted(expected);
            self.consume_counted(&mut budget)?;
            let matched = self.lt(1);
            self.end_error_condition();
            self.consume_counted(&mut budget)?;
            return Ok(matched);
        }
        if self.expected(after).contains(t.kind) {
            self.report_missing(expected);
            return Ok(self.missing_token(expected));
        }
        Err(self.mismatch(expected))
    }

    /// Consumes the current token, known to be of the expected type.
    pub fn take(&mut self, state: State) -> Token {
        self.state = state;
        let t = self.lt(1);
        self.end_error_condition();
        self.consume();
        t
    }

    /// The token ANTLR makes up for a missing one: placed at the current
    /// token (at the previous one at the end of the input).
    fn missing_token(&mut self, expected: TokenSet) -> Token {
        let current = self.lt(1);
        let at = match self.previous() {
            Some(previous) if current.kind == EOF => previous,
            _ => current,
        };
        Token {
            kind: expected.first(),
            hidden: false,
            start: at.start,
            stop: at.start,
            line: at.line,
            column: at.column,
        }
    }

    /// ANTLR's `sync` before a decision at `state` (whose rule cannot end
    /// there): when the current token cannot come next, a loop reports it
    /// and skips to a token that can, other states delete one extraneous
    /// token or fail.
    pub fn sync_at(&mut self, state: State) -> Step<()> {
        self.state = state;
        if self.recovering {
            return Ok(());
        }
        let next = grammar::next(state);
        let la = self.la(1);
        if next.can_end || next.tokens.contains(la) {
            return Ok(());
        }
        let expected = self.expected(state);
        if grammar::is_loop_back(state) {
            self.report_unwanted(expected);
            let until = expected.union(self.recovery_set());
            while !matches!(self.la(1), k if k == EOF || until.contains(k)) {
                self.consume();
            }
            return Ok(());
        }
        if expected.contains(self.la(2)) {
            self.report_unwanted(expected);
            self.consume();
            self.end_error_condition();
            return Ok(());
        }
        Err(self.mismatch(expected))
    }

    fn mismatch(&mut self, expected: TokenSet) -> Flow {
        Flow::Failed(Failure::InputMismatch {
            offending: self.lt_index(1),
            expected,
        })
    }

    /// What can come next at `state`, given the active rules.
    fn expected(&self, state: State) -> TokenSet {
        let mut next = grammar::next(state);
        let mut expected = next.tokens;
        for &invoking in self.invoking.iter().rev() {
            if !next.can_end {
                break;
            }
            next = grammar::follow(invoking);
            expected = expected.union(next.tokens);
        }
        if next.can_end {
            expected = expected.union(TokenSet::of(&[EOF]));
        }
        expected
    }

    /// The tokens that can follow any active rule: where recovery stops.
    fn recovery_set(&self) -> TokenSet {
        self.invoking.iter().fold(TokenSet::EMPTY, |set, &s| {
            set.union(grammar::follow(s).tokens)
        })
    }

    // Reporting and recovering.

    fn end_error_condition(&mut self) {
        self.recovering = false;
        self.last_recovery_index = None;
        self.last_recovery_states.clear();
    }

    /// How a token is shown in a message: its text quoted, with tabs and
    /// line breaks escaped.
    fn display(&self, t: &Token) -> String {
        let text = if t.kind == EOF {
            "<EOF>".to_string()
        } else {
            self.text(t)
        };
        quote(&text)
    }

    fn report_at(&mut self, t: Token, message: &str) {
        self.reporter.syntax_error(t.line, t.column, message);
    }

    fn report_error(&mut self, failure: Failure) {
        if self.recovering {
            return;
        }
        self.recovering = true;
        match failure {
            Failure::NoViableAlt { start, offending } => {
                self.sync(offending);
                let text = if self.tokens[start].kind == EOF {
                    "<EOF>".to_string()
                } else {
                    self.tokens[start..=offending]
                        .iter()
                        .take_while(|t| t.kind != EOF)
                        .map(|t| self.text(t))
                        .collect()
                };
                let t = self.tokens[offending];
                self.report_at(
                    t,
                    &format!("no viable alternative at input {}", quote(&text)),
                );
            }
            Failure::InputMismatch {
                offending,
                expected,
            } => {
                let t = self.tokens[offending];
                let message = format!("mismatched input {} expecting {expected}", self.display(&t));
                self.report_at(t, &message);
            }
        }
    }

    /// Reports the current token as extraneous, unless recovering.
    fn report_unwanted(&mut self, expected: TokenSet) {
        self.report_at_current(|t| format!("extraneous input {t} expecting {expected}"));
    }

    /// Reports a missing token before the current one, unless recovering.
    fn report_missing(&mut self, expected: TokenSet) {
        self.report_at_current(|t| format!("missing {expected} at {t}"));
    }

    /// Reports an error at the current token (shown as `message` words it),
    /// unless recovering; recovery starts.
    fn report_at_current(&mut self, message: impl FnOnce(String) -> String) {
        if self.recovering {
            return;
        }
        self.recovering = true;
        let t = self.lt(1);
        let message = message(self.display(&t));
        self.report_at(t, &message);
    }

    /// cel-go's limit on recovery attempts: the attempt over the limit is
    /// reported and stops parsing.
    fn check_recovery_attempts(&mut self) -> Step<()> {
        let max = self.limits.recovery_attempts;
        if self.recovery_attempts == max {
            self.recovery_attempts += 1;
            let t = self.lt(1);
            self.report_at(t, &format!("error recovery attempt limit exceeded: {max}"));
            self.reporter.stopped.get_or_insert(Stop::Reported);
            return Err(Flow::Stopped);
        }
        self.recovery_attempts += 1;
        if self.reporter.is_stopped() {
            return Err(Flow::Stopped);
        }
        Ok(())
    }

    /// Consumes a token within a recovery's budget of tokens.
    fn consume_counted(&mut self, budget: &mut usize) -> Step<()> {
        if *budget == 0 {
            let max = self.limits.recovery_lookahead;
            self.reporter.stop(format!(
                "error recovery token lookahead limit exceeded: {max}"
            ));
            return Err(Flow::Stopped);
        }
        *budget -= 1;
        self.consume();
        Ok(())
    }

    /// ANTLR's recovery after a reported error: skip to a token that can
    /// follow one of the active rules (first skipping one token if the last
    /// recovery was at the same token and state, so that it progresses).
    fn recover(&mut self) -> Step<()> {
        self.check_recovery_attempts()?;
        let mut budget = self.limits.recovery_lookahead;
        if self.last_recovery_index == Some(self.index)
            && self.last_recovery_states.contains(&self.state)
        {
            self.consume_counted(&mut budget)?;
        }
        self.last_recovery_index = Some(self.index);
        self.last_recovery_states.push(self.state);
        let until = self.recovery_set();
        while !matches!(self.la(1), k if k == EOF || until.contains(k)) {
            self.consume_counted(&mut budget)?;
        }
        Ok(())
    }
}

/// A text quoted for a syntax error, with tabs and line breaks escaped.
fn quote(text: &str) -> String {
    let escaped = text
        .replace('\t', "\\t")
        .replace('\n', "\\n")
        .replace('\r', "\\r");
    format!("'{escaped}'")
}
