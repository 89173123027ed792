//! The rules of cel-go's grammar (`parser/gen/CEL.g4`), one function each,
//! taking the steps ANTLR's generated parser takes in the same order:
//! entering the same states, synchronizing and predicting at the same
//! points, so that syntax errors and recovery are cel-go's. Each rule
//! returns its part of the tree, complete or as far as it got.

use super::cst::*;
use super::grammar::State;
use super::lexer::Token;
use super::predict::{LiteralAlt, MemberAlt, PrimaryAlt, UnaryAlt, FIELD_START, OPT_EXPR_START};
use super::recognizer::{Flow, Recognizer, Rule, Step};
use super::token::*;

/// The states of a list of `key: value` entries: the first entry's key,
/// colon, value and the loop's decision; the next entries' comma, key,
/// colon, value and the loop's decision.
struct EntryStates {
    first: [State; 4],
    next: [State; 5],
}

pub struct Rules<'r, 'a> {
    pub r: &'r mut Recognizer<'a>,
}

impl Rules<'_, '_> {
    /// `start: expr EOF`. None when parsing stopped at a limit.
    pub fn start(&mut self) -> Option<Expr> {
        self.r.enter(Rule::Start).ok()?;
        self.r.state = 34;
        let e = self.expr().ok()?;
        let outcome = self.r.expect(35, EOF, 36).map(drop);
        self.close(Rule::Start, outcome).ok()?;
        Some(e)
    }

    /// Reports and recovers from a syntax error of a rule, and leaves it.
    fn close(&mut self, rule: Rule, outcome: Step<()>) -> Step<()> {
        self.r.finish(outcome)?;
        self.r.exit(rule);
        Ok(())
    }

    /// A rule whose `steps` may fail: `ctx` holds what it parsed.
    fn rule<T>(
        &mut self,
        rule: Rule,
        mut ctx: T,
        steps: impl FnOnce(&mut Self, &mut T) -> Step<()>,
    ) -> Step<T> {
        self.r.enter(rule)?;
        let outcome = steps(self, &mut ctx);
        self.close(rule, outcome)?;
        Ok(ctx)
    }

    fn predicted<T>(result: Result<T, super::recognizer::Failure>) -> Step<T> {
        result.map_err(Flow::Failed)
    }

    fn at(&mut self, state: State) -> &mut Self {
        self.r.state = state;
        self
    }

    fn expr(&mut self) -> Step<Expr> {
        self.r.enter(Rule::Expr)?;
        let e = self.at(37).conditional_or()?;
        let mut ctx = Expr { e, ternary: None };
        let outcome = self.ternary(&mut ctx);
        self.close(Rule::Expr, outcome)?;
        Ok(ctx)
    }

    fn ternary(&mut self, ctx: &mut Expr) -> Step<()> {
        self.r.state = 43;
        if self.r.la(1) != QUESTIONMARK {
            return Ok(());
        }
        let op = self.r.take(38);
        let e1 = self.at(39).conditional_or()?;
        ctx.ternary = Some((op, Box::new(e1), None));
        self.r.expect(40, COLON, 41)?;
        let e2 = self.at(41).expr()?;
        if let Some((_, _, slot)) = &mut ctx.ternary {
            *slot = Some(Box::new(e2));
        }
        Ok(())
    }

    fn conditional_or(&mut self) -> Step<Or> {
        self.r.enter(Rule::ConditionalOr)?;
        let e = self.at(45).conditional_and()?;
        let mut rest = Vec::new();
        self.r.state = 50;
        while self.r.la(1) == LOGICAL_OR {
            let op = self.r.take(46);
            rest.push((op, self.at(47).conditional_and()?));
            self.r.state = 52;
        }
        self.r.exit(Rule::ConditionalOr);
        Ok(Or { e, rest })
    }

    fn conditional_and(&mut self) -> Step<And> {
        self.r.enter(Rule::ConditionalAnd)?;
        let e = self.at(53).relation(0)?;
        let mut rest = Vec::new();
        self.r.state = 58;
        while self.r.la(1) == LOGICAL_AND {
            let op = self.r.take(54);
            rest.push((op, self.at(55).relation(0)?));
            self.r.state = 60;
        }
        self.r.exit(Rule::ConditionalAnd);
        Ok(And { e, rest })
    }

    fn relation(&mut self, precedence: u8) -> Step<Relation> {
        self.r.enter_recursive(Rule::Relation, precedence)?;
        let mut ctx = Relation::Calc(self.at(62).calc(0)?);
        self.r.state = 69;
        while self.r.more_relations() {
            let op = self.r.take(65);
            let right = self.at(66).relation(2)?;
            ctx = Relation::Binary(Box::new(ctx), op, Box::new(right));
            self.r.state = 71;
        }
        self.r.exit_recursive(Rule::Relation);
        Ok(ctx)
    }

    fn calc(&mut self, precedence: u8) -> Step<Calc> {
        self.r.enter_recursive(Rule::Calc, precedence)?;
        let mut ctx = Calc::Unary(self.at(73).unary()?);
        self.r.state = 83;
        while self.r.more_calc() {
            self.r.state = 81;
            let (op, right) = if PRODUCTS.contains(self.r.la(1)) {
                (self.r.take(76), self.at(77).calc(3)?)
            } else {
                (self.r.take(79), self.at(80).calc(2)?)
            };
            ctx = Calc::Binary(Box::new(ctx), op, Box::new(right));
            self.r.state = 85;
        }
        self.r.exit_recursive(Rule::Calc);
        Ok(ctx)
    }

    fn unary(&mut self) -> Step<Unary> {
        self.rule(Rule::Unary, Unary::Error, Self::unary_alternatives)
    }

    fn unary_alternatives(&mut self, ctx: &mut Unary) -> Step<()> {
        self.r.sync_at(99)?;
        match Self::predicted(self.r.unary_alt())? {
            UnaryAlt::Member => *ctx = Unary::Member(self.at(86).member()?),
            UnaryAlt::Not => {
                let mut ops = vec![self.r.take(87)];
                loop {
                    self.r.sync_at(90)?;
                    if self.r.la(1) != EXCLAM {
                        break;
                    }
                    ops.push(self.r.take(87));
                }
                *ctx = Unary::Not(ops, Box::new(self.at(92).member()?));
            }
            UnaryAlt::Negate => {
                let mut ops = vec![self.r.take(93)];
                loop {
                    self.r.sync_at(96)?;
                    match self.r.more_negation() {
                        Ok(true) => ops.push(self.r.take(93)),
                        Ok(false) => break,
                        Err(failure) => {
                            *ctx = Unary::Negate(ops, None);
                            return Err(Flow::Failed(failure));
                        }
                    }
                }
                let member = self.at(98).member()?;
                *ctx = Unary::Negate(ops, Some(Box::new(member)));
            }
        }
        Ok(())
    }

    fn member(&mut self) -> Step<Member> {
        self.r.enter_recursive(Rule::Member, 0)?;
        let mut ctx = Member::Primary(self.at(102).primary()?);
        self.r.state = 128;
        let mut outcome = Ok(());
        while self.r.more_member() {
            outcome = self.member_step(&mut ctx);
            if outcome.is_err() {
                break;
            }
            self.r.state = 130;
        }
        self.r.finish(outcome)?;
        self.r.exit_recursive(Rule::Member);
        Ok(ctx)
    }

    /// One `.field`, `.call(…)` or `[index]` of a member chain.
    fn member_step(&mut self, ctx: &mut Member) -> Step<()> {
        self.r.sync_at(126)?;
        let alt = Self::predicted(self.r.member_alt())?;
        let operand = Box::new(std::mem::replace(ctx, Member::Primary(Primary::Error)));
        match alt {
            MemberAlt::Select => {
                let op = self.r.take(105);
                *ctx = Member::Select {
                    operand,
                    op,
                    optional: false,
                    field: None,
                };
                let optional = self.optional(107, QUESTIONMARK, 106)?;
                let name = self.at(109).escape_ident()?;
                if let Member::Select {
                    optional: o, field, ..
                } = ctx
                {
                    *o = optional;
                    *field = Some(name);
                }
            }
            MemberAlt::Call => {
                self.r.take(111);
                let name = self.r.take(112);
                let open = self.r.take(113);
                *ctx = Member::Call {
                    operand,
                    name,
                    open,
                    args: Vec::new(),
                };
                if let Member::Call { args, .. } = ctx {
                    self.arguments(args, [115, 114, 117, 127])?;
                }
            }
            MemberAlt::Index => {
                let op = self.r.take(119);
                *ctx = Member::Index {
                    operand,
                    op,
                    optional: false,
                    index: None,
                };
                let optional = self.optional(121, QUESTIONMARK, 120)?;
                let e = self.at(123).expr()?;
                if let Member::Index {
                    optional: o, index, ..
                } = ctx
                {
                    *o = optional;
                    *index = Some(Box::new(e));
                }
                self.r.expect(124, RBRACKET, 125)?;
            }
        }
        Ok(())
    }

    fn primary(&mut self) -> Step<Primary> {
        let start = self.r.lt(1);
        self.rule(Rule::Primary, Primary::Error, |p, ctx| {
            p.primary_alternatives(start, ctx)
        })
    }

    /// An optional token of type `kind`: synchronizes at `state` (the
    /// decision), matches the token at `at`. Whether it is there.
    fn optional(&mut self, state: State, kind: Kind, at: State) -> Step<bool> {
        self.r.sync_at(state)?;
        let present = self.r.la(1) == kind;
        if present {
            self.r.take(at);
        }
        Ok(present)
    }

    /// The alternatives of `primary`, whose first token is `start`.
    fn primary_alternatives(&mut self, start: Token, ctx: &mut Primary) -> Step<()> {
        self.r.sync_at(184)?;
        match Self::predicted(self.r.primary_alt())? {
            PrimaryAlt::Ident => {
                let leading_dot = self.optional(132, DOT, 131)?;
                let name = self.r.take(134);
                *ctx = Primary::Ident {
                    start,
                    leading_dot,
                    name,
                };
            }
            PrimaryAlt::Call => {
                let leading_dot = self.optional(136, DOT, 135)?;
                let name = self.r.take(138);
                let open = self.r.take(139);
                *ctx = Primary::Call {
                    start,
                    leading_dot,
                    name,
                    open,
                    args: Vec::new(),
                };
                if let Primary::Call { args, .. } = ctx {
                    self.arguments(args, [141, 140, 143, 185])?;
                }
            }
            PrimaryAlt::Nested => {
                self.r.take(144);
                *ctx = Primary::Nested(Box::new(self.at(145).expr()?));
                self.r.expect(146, RPAREN, 147)?;
            }
            PrimaryAlt::List => {
                let op = self.r.take(148);
                *ctx = Primary::List(op, Vec::new());
                self.r.sync_at(150)?;
                if OPT_EXPR_START.contains(self.r.la(1)) {
                    let elements = self.at(149).list_init()?;
                    *ctx = Primary::List(op, elements);
                }
                self.optional(153, COMMA, 152)?;
                self.r.expect(155, RBRACKET, 185)?;
            }
            PrimaryAlt::Map => {
                let op = self.r.take(156);
                *ctx = Primary::Map(op, MapEntries::default());
                self.r.sync_at(158)?;
                if OPT_EXPR_START.contains(self.r.la(1)) {
                    let entries = self.at(157).map_initializer_list()?;
                    *ctx = Primary::Map(op, entries);
                }
                self.optional(161, COMMA, 160)?;
                self.r.expect(163, RBRACE, 185)?;
            }
            PrimaryAlt::Message => {
                let leading_dot = self.optional(165, DOT, 164)?;
                let mut names = vec![self.r.take(167)];
                self.r.sync_at(172)?;
                while self.r.la(1) == DOT {
                    self.r.take(168);
                    names.push(self.r.take(169));
                    self.r.sync_at(174)?;
                }
                let open = self.r.take(175);
                *ctx = Primary::Message {
                    leading_dot,
                    names,
                    open,
                    fields: None,
                };
                self.r.sync_at(177)?;
                if FIELD_START.contains(self.r.la(1)) {
                    let list = self.at(176).field_initializer_list()?;
                    if let Primary::Message { fields, .. } = ctx {
                        *fields = Some(list);
                    }
                }
                self.optional(180, COMMA, 179)?;
                self.r.expect(182, RBRACE, 185)?;
            }
            PrimaryAlt::Literal => *ctx = Primary::Literal(self.at(183).literal()?),
        }
        Ok(())
    }

    /// `exprList? ')'` after the `(` of a call: synchronizes at the first
    /// state, the list at the second, the `)` at the third (the state after
    /// it the fourth).
    fn arguments(&mut self, args: &mut Vec<Expr>, states: [State; 4]) -> Step<()> {
        let [decision, list_at, close, after] = states;
        self.r.sync_at(decision)?;
        if EXPR_START.contains(self.r.la(1)) {
            *args = self.at(list_at).expr_list()?;
        }
        self.r.expect(close, RPAREN, after)?;
        Ok(())
    }

    fn expr_list(&mut self) -> Step<Vec<Expr>> {
        self.r.enter(Rule::ExprList)?;
        let mut list = vec![self.at(186).expr()?];
        self.r.state = 191;
        while self.r.la(1) == COMMA {
            self.r.take(187);
            list.push(self.at(188).expr()?);
            self.r.state = 193;
        }
        self.r.exit(Rule::ExprList);
        Ok(list)
    }

    fn list_init(&mut self) -> Step<Vec<OptExpr>> {
        self.r.enter(Rule::ListInit)?;
        let mut list = vec![self.at(194).opt_expr()?];
        self.r.state = 199;
        while self.r.more_after_comma(OPT_EXPR_START) {
            self.r.take(195);
            list.push(self.at(196).opt_expr()?);
            self.r.state = 201;
        }
        self.r.exit(Rule::ListInit);
        Ok(list)
    }

    fn field_initializer_list(&mut self) -> Step<Fields> {
        let ctx = Fields {
            start: self.r.lt(1),
            names: Vec::new(),
            values: Vec::new(),
        };
        self.rule(Rule::FieldInitializerList, ctx, Self::field_values)
    }

    fn field_values(&mut self, ctx: &mut Fields) -> Step<()> {
        let states = EntryStates {
            first: [202, 203, 204, 212],
            next: [205, 206, 207, 208, 214],
        };
        self.entries(
            &states,
            &mut ctx.names,
            &mut ctx.values,
            FIELD_START,
            Self::opt_field,
        )
    }

    fn opt_field(&mut self) -> Step<OptField> {
        self.opt(Rule::OptField, [216, 215, 218], Self::escape_ident)
    }

    /// `'?'? value`: synchronizes at the first state, matches the `?` at the
    /// second, the value at the third.
    fn opt<T>(
        &mut self,
        rule: Rule,
        states: [State; 3],
        value: fn(&mut Self) -> Step<T>,
    ) -> Step<Opt<T>> {
        let [decision, mark, value_at] = states;
        let ctx = Opt {
            optional: false,
            value: None,
        };
        self.rule(rule, ctx, |p, ctx| {
            ctx.optional = p.optional(decision, QUESTIONMARK, mark)?;
            ctx.value = Some(value(p.at(value_at))?);
            Ok(())
        })
    }

    fn map_initializer_list(&mut self) -> Step<MapEntries> {
        self.rule(
            Rule::MapInitializerList,
            MapEntries::default(),
            Self::map_values,
        )
    }

    fn map_values(&mut self, ctx: &mut MapEntries) -> Step<()> {
        let states = EntryStates {
            first: [220, 221, 222, 230],
            next: [223, 224, 225, 226, 232],
        };
        self.entries(
            &states,
            &mut ctx.keys,
            &mut ctx.values,
            OPT_EXPR_START,
            Self::opt_expr,
        )
    }

    /// `key ':' expr (',' key ':' expr)*`, the keys parsed by `key` (which
    /// can start with `key_start`).
    fn entries<K>(
        &mut self,
        states: &EntryStates,
        keys: &mut Vec<K>,
        values: &mut Vec<(Token, Expr)>,
        key_start: TokenSet,
        key: fn(&mut Self) -> Step<K>,
    ) -> Step<()> {
        let [key_at, colon_at, value_at, loop_at] = states.first;
        keys.push(key(self.at(key_at))?);
        let colon = self.r.expect(colon_at, COLON, value_at)?;
        values.push((colon, self.at(value_at).expr()?));
        self.r.state = loop_at;
        let [comma_at, key_at, colon_at, value_at, loop_at] = states.next;
        while self.r.more_after_comma(key_start) {
            self.r.take(comma_at);
            keys.push(key(self.at(key_at))?);
            let colon = self.r.expect(colon_at, COLON, value_at)?;
            values.push((colon, self.at(value_at).expr()?));
            self.r.state = loop_at;
        }
        Ok(())
    }

    fn escape_ident(&mut self) -> Step<EscapeIdent> {
        let ctx = EscapeIdent::Error(self.r.lt(1));
        self.rule(Rule::EscapeIdent, ctx, Self::escape_ident_alternatives)
    }

    fn escape_ident_alternatives(&mut self, ctx: &mut EscapeIdent) -> Step<()> {
        self.r.sync_at(235)?;
        *ctx = match self.r.la(1) {
            IDENTIFIER => EscapeIdent::Simple(self.r.take(233)),
            ESC_IDENTIFIER => EscapeIdent::Escaped(self.r.take(234)),
            _ => {
                let at = self.r.lt_index(1);
                return Err(Flow::Failed(super::recognizer::Failure::NoViableAlt {
                    start: at,
                    offending: at,
                }));
            }
        };
        Ok(())
    }

    fn opt_expr(&mut self) -> Step<OptExpr> {
        self.opt(Rule::OptExpr, [238, 237, 240], Self::expr)
    }

    fn literal(&mut self) -> Step<Literal> {
        let start = self.r.lt(1);
        self.rule(Rule::Literal, Literal::Error, |p, ctx| {
            p.literal_alternatives(start, ctx)
        })
    }

    /// A number with an optional sign, at `state`: the number's token.
    fn signed(&mut self, state: State, sign: State, number: State) -> Step<Token> {
        self.optional(state, MINUS, sign)?;
        Ok(self.r.take(number))
    }

    /// The alternatives of `literal`, whose first token is `start`.
    fn literal_alternatives(&mut self, start: Token, ctx: &mut Literal) -> Step<()> {
        self.r.sync_at(256)?;
        *ctx = match Self::predicted(self.r.literal_alt())? {
            LiteralAlt::Int => Literal::Int(start, self.signed(243, 242, 245)?),
            LiteralAlt::Uint => Literal::Uint(start, self.r.take(246)),
            LiteralAlt::Double => Literal::Double(start, self.signed(248, 247, 250)?),
            LiteralAlt::String => Literal::String(start, self.r.take(251)),
            LiteralAlt::Bytes => Literal::Bytes(start, self.r.take(252)),
            LiteralAlt::True => Literal::True(self.r.take(253)),
            LiteralAlt::False => Literal::False(self.r.take(254)),
            LiteralAlt::Null => Literal::Null(self.r.take(255)),
        };
        Ok(())
    }
}
