//! The rules of cel-go's grammar (`parser/gen/CEL.g4`), one function each,
//! taking the steps ANTLR's generated parser takes in the same order:
//! entering the same states, synchronizing and predicting at the same
//! points, so that syntax errors and recovery are cel-go's. Each rule
//! returns its part of the tree, complete or as far as it got.

use super::cst::*;
use super::grammar::State;
use super::lexer::Token;
use super::predict::{LiteralAlt, MemberAlt, PrimaryAlt, UnaryAlt, FIELD_START, OPT_EXPR_START};
use super::recognizer::{Failure, Flow, Recognizer, Rule, Step};
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

/// Replaces a tree by a node made of it.
fn wrap(tree: &mut Tree, node: impl FnOnce(Tree) -> Node) {
    let inner = std::mem::replace(&mut **tree, Node::PrimaryError);
    **tree = node(Box::new(inner));
}

impl Rules<'_, '_> {
    /// `start: expr EOF`. None when parsing stopped at a limit.
    pub fn start(&mut self) -> Option<Tree> {
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

    fn predicted<T>(result: Result<T, Failure>) -> Step<T> {
        result.map_err(Flow::Failed)
    }

    fn at(&mut self, state: State) -> &mut Self {
        self.r.state = state;
        self
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

    fn expr(&mut self) -> Step<Tree> {
        self.r.enter(Rule::Expr)?;
        let mut ctx = self.at(37).conditional_or()?;
        let outcome = self.ternary(&mut ctx);
        self.close(Rule::Expr, outcome)?;
        Ok(ctx)
    }

    fn ternary(&mut self, ctx: &mut Tree) -> Step<()> {
        self.r.state = 43;
        if self.r.la(1) != QUESTIONMARK {
            return Ok(());
        }
        let op = self.r.take(38);
        let if_true = self.at(39).conditional_or()?;
        wrap(ctx, |cond| Node::Ternary(cond, op, if_true, None));
        self.r.expect(40, COLON, 41)?;
        let if_false = self.at(41).expr()?;
        if let Node::Ternary(_, _, _, slot) = &mut **ctx {
            *slot = Some(if_false);
        }
        Ok(())
    }

    /// `term (op term)*` of `||` (at `states`: the first term, the loop's
    /// decision, the operator, the next term and the loop-back) or `&&`.
    fn logic(
        &mut self,
        rule: Rule,
        op: Kind,
        states: [State; 5],
        term: fn(&mut Self) -> Step<Tree>,
    ) -> Step<Tree> {
        let [first_at, decision, op_at, term_at, back] = states;
        self.r.enter(rule)?;
        let first = term(self.at(first_at))?;
        let mut rest = Vec::new();
        self.r.state = decision;
        while self.r.la(1) == op {
            let t = self.r.take(op_at);
            rest.push((t, term(self.at(term_at))?));
            self.r.state = back;
        }
        self.r.exit(rule);
        Ok(if rest.is_empty() {
            first
        } else {
            Box::new(Node::Logic(op, first, rest))
        })
    }

    fn conditional_or(&mut self) -> Step<Tree> {
        self.logic(
            Rule::ConditionalOr,
            LOGICAL_OR,
            [45, 50, 46, 47, 52],
            Self::conditional_and,
        )
    }

    fn conditional_and(&mut self) -> Step<Tree> {
        self.logic(
            Rule::ConditionalAnd,
            LOGICAL_AND,
            [53, 58, 54, 55, 60],
            |p| p.relation(0),
        )
    }

    fn relation(&mut self, precedence: u8) -> Step<Tree> {
        self.r.enter_recursive(Rule::Relation, precedence)?;
        let mut ctx = self.at(62).calc(0)?;
        self.r.state = 69;
        while self.r.more_relations() {
            let op = self.r.take(65);
            let right = self.at(66).relation(2)?;
            ctx = Box::new(Node::Binary(ctx, op, right));
            self.r.state = 71;
        }
        self.r.exit_recursive(Rule::Relation);
        Ok(ctx)
    }

    fn calc(&mut self, precedence: u8) -> Step<Tree> {
        self.r.enter_recursive(Rule::Calc, precedence)?;
        let mut ctx = self.at(73).unary()?;
        self.r.state = 83;
        while self.r.more_calc() {
            self.r.state = 81;
            let (op, right) = if PRODUCTS.contains(self.r.la(1)) {
                (self.r.take(76), self.at(77).calc(3)?)
            } else {
                (self.r.take(79), self.at(80).calc(2)?)
            };
            ctx = Box::new(Node::Binary(ctx, op, right));
            self.r.state = 85;
        }
        self.r.exit_recursive(Rule::Calc);
        Ok(ctx)
    }

    fn unary(&mut self) -> Step<Tree> {
        let ctx = Box::new(Node::UnaryError);
        self.rule(Rule::Unary, ctx, Self::unary_alternatives)
    }

    fn unary_alternatives(&mut self, ctx: &mut Tree) -> Step<()> {
        self.r.sync_at(99)?;
        match Self::predicted(self.r.unary_alt())? {
            UnaryAlt::Member => *ctx = self.at(86).member()?,
            UnaryAlt::Not => self.not(ctx)?,
            UnaryAlt::Negate => self.negate(ctx)?,
        }
        Ok(())
    }

    /// `'!'+ member`
    fn not(&mut self, ctx: &mut Tree) -> Step<()> {
        let mut ops = vec![self.r.take(87)];
        loop {
            self.r.sync_at(90)?;
            if self.r.la(1) != EXCLAM {
                break;
            }
            ops.push(self.r.take(87));
        }
        **ctx = Node::Not(ops, self.at(92).member()?);
        Ok(())
    }

    /// `'-'+ member`
    fn negate(&mut self, ctx: &mut Tree) -> Step<()> {
        let mut ops = vec![self.r.take(93)];
        loop {
            self.r.sync_at(96)?;
            match self.r.more_negation() {
                Ok(true) => ops.push(self.r.take(93)),
                Ok(false) => break,
                Err(failure) => {
                    **ctx = Node::Negate(ops, None);
                    return Err(Flow::Failed(failure));
                }
            }
        }
        **ctx = Node::Negate(ops, Some(self.at(98).member()?));
        Ok(())
    }

    fn member(&mut self) -> Step<Tree> {
        self.r.enter_recursive(Rule::Member, 0)?;
        let mut ctx = self.at(102).primary()?;
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
    fn member_step(&mut self, ctx: &mut Tree) -> Step<()> {
        self.r.sync_at(126)?;
        match Self::predicted(self.r.member_alt())? {
            MemberAlt::Select => self.select(ctx),
            MemberAlt::Call => self.member_call(ctx),
            MemberAlt::Index => self.index(ctx),
        }
    }

    /// `member '.' '?'? escapeIdent`
    fn select(&mut self, ctx: &mut Tree) -> Step<()> {
        let op = self.r.take(105);
        wrap(ctx, |operand| Node::Select {
            operand,
            op,
            optional: false,
            field: None,
        });
        let is_optional = self.optional(107, QUESTIONMARK, 106)?;
        let name = self.at(109).escape_ident()?;
        if let Node::Select {
            optional, field, ..
        } = &mut **ctx
        {
            *optional = is_optional;
            *field = Some(name);
        }
        Ok(())
    }

    /// `member '.' IDENTIFIER '(' exprList? ')'`
    fn member_call(&mut self, ctx: &mut Tree) -> Step<()> {
        self.r.take(111);
        let name = self.r.take(112);
        let open = self.r.take(113);
        wrap(ctx, |operand| Node::MemberCall {
            operand,
            name,
            open,
            args: Vec::new(),
        });
        match &mut **ctx {
            Node::MemberCall { args, .. } => self.arguments(args, [115, 114, 117, 127]),
            _ => Ok(()),
        }
    }

    /// `member '[' '?'? expr ']'`
    fn index(&mut self, ctx: &mut Tree) -> Step<()> {
        let op = self.r.take(119);
        wrap(ctx, |operand| Node::Index {
            operand,
            op,
            optional: false,
            index: None,
        });
        let is_optional = self.optional(121, QUESTIONMARK, 120)?;
        let e = self.at(123).expr()?;
        if let Node::Index {
            optional, index, ..
        } = &mut **ctx
        {
            *optional = is_optional;
            *index = Some(e);
        }
        self.r.expect(124, RBRACKET, 125)?;
        Ok(())
    }

    fn primary(&mut self) -> Step<Tree> {
        let start = self.r.lt(1);
        let ctx = Box::new(Node::PrimaryError);
        self.rule(Rule::Primary, ctx, |p, ctx| {
            p.primary_alternatives(start, ctx)
        })
    }

    /// The alternatives of `primary`, whose first token is `start`.
    fn primary_alternatives(&mut self, start: Token, ctx: &mut Tree) -> Step<()> {
        self.r.sync_at(184)?;
        match Self::predicted(self.r.primary_alt())? {
            PrimaryAlt::Ident => self.ident(start, ctx),
            PrimaryAlt::Call => self.global_call(start, ctx),
            PrimaryAlt::Nested => self.nested(ctx),
            PrimaryAlt::List => self.list(ctx),
            PrimaryAlt::Map => self.map(ctx),
            PrimaryAlt::Message => self.message(ctx),
            PrimaryAlt::Literal => {
                **ctx = Node::Literal(self.at(183).literal()?);
                Ok(())
            }
        }
    }

    /// `'.'? IDENTIFIER`
    fn ident(&mut self, start: Token, ctx: &mut Tree) -> Step<()> {
        let leading_dot = self.optional(132, DOT, 131)?;
        let name = self.r.take(134);
        **ctx = Node::Ident {
            start,
            leading_dot,
            name,
        };
        Ok(())
    }

    /// `'.'? IDENTIFIER '(' exprList? ')'`
    fn global_call(&mut self, start: Token, ctx: &mut Tree) -> Step<()> {
        let leading_dot = self.optional(136, DOT, 135)?;
        let name = self.r.take(138);
        let open = self.r.take(139);
        **ctx = Node::Call {
            start,
            leading_dot,
            name,
            open,
            args: Vec::new(),
        };
        match &mut **ctx {
            Node::Call { args, .. } => self.arguments(args, [141, 140, 143, 185]),
            _ => Ok(()),
        }
    }

    /// `'(' expr ')'`
    fn nested(&mut self, ctx: &mut Tree) -> Step<()> {
        self.r.take(144);
        *ctx = self.at(145).expr()?;
        self.r.expect(146, RPAREN, 147)?;
        Ok(())
    }

    /// `'[' listInit? ','? ']'`
    fn list(&mut self, ctx: &mut Tree) -> Step<()> {
        let op = self.r.take(148);
        **ctx = Node::List(op, Vec::new());
        self.r.sync_at(150)?;
        if OPT_EXPR_START.contains(self.r.la(1)) {
            let elements = self.at(149).list_init()?;
            **ctx = Node::List(op, elements);
        }
        self.optional(153, COMMA, 152)?;
        self.r.expect(155, RBRACKET, 185)?;
        Ok(())
    }

    /// `'{' mapInitializerList? ','? '}'`
    fn map(&mut self, ctx: &mut Tree) -> Step<()> {
        let op = self.r.take(156);
        **ctx = Node::Map(op, Entries::default());
        self.r.sync_at(158)?;
        if OPT_EXPR_START.contains(self.r.la(1)) {
            let entries = self.at(157).map_initializer_list()?;
            **ctx = Node::Map(op, entries);
        }
        self.optional(161, COMMA, 160)?;
        self.r.expect(163, RBRACE, 185)?;
        Ok(())
    }

    /// `'.'? IDENTIFIER ('.' IDENTIFIER)* '{' fieldInitializerList? ','? '}'`
    fn message(&mut self, ctx: &mut Tree) -> Step<()> {
        let leading_dot = self.optional(165, DOT, 164)?;
        let mut names = vec![self.r.take(167)];
        self.r.sync_at(172)?;
        while self.r.la(1) == DOT {
            self.r.take(168);
            names.push(self.r.take(169));
            self.r.sync_at(174)?;
        }
        let open = self.r.take(175);
        **ctx = Node::Message {
            leading_dot,
            names,
            open,
            fields: None,
        };
        self.r.sync_at(177)?;
        if FIELD_START.contains(self.r.la(1)) {
            let list = self.at(176).field_initializer_list()?;
            if let Node::Message { fields, .. } = &mut **ctx {
                *fields = Some(list);
            }
        }
        self.optional(180, COMMA, 179)?;
        self.r.expect(182, RBRACE, 185)?;
        Ok(())
    }

    /// `exprList? ')'` after the `(` of a call: synchronizes at the first
    /// state, the list at the second, the `)` at the third (the state after
    /// it the fourth).
    fn arguments(&mut self, args: &mut Vec<Tree>, states: [State; 4]) -> Step<()> {
        let [decision, list_at, close, after] = states;
        self.r.sync_at(decision)?;
        if EXPR_START.contains(self.r.la(1)) {
            *args = self.at(list_at).expr_list()?;
        }
        self.r.expect(close, RPAREN, after)?;
        Ok(())
    }

    fn expr_list(&mut self) -> Step<Vec<Tree>> {
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

    fn list_init(&mut self) -> Step<Vec<Opt<Tree>>> {
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
            entries: Entries::default(),
        };
        let states = EntryStates {
            first: [202, 203, 204, 212],
            next: [205, 206, 207, 208, 214],
        };
        self.rule(Rule::FieldInitializerList, ctx, |p, ctx| {
            p.entries(&states, &mut ctx.entries, FIELD_START, Self::opt_field)
        })
    }

    fn map_initializer_list(&mut self) -> Step<Entries<Opt<Tree>>> {
        let states = EntryStates {
            first: [220, 221, 222, 230],
            next: [223, 224, 225, 226, 232],
        };
        self.rule(Rule::MapInitializerList, Entries::default(), |p, ctx| {
            p.entries(&states, ctx, OPT_EXPR_START, Self::opt_expr)
        })
    }

    /// `key ':' expr (',' key ':' expr)*`, the keys parsed by `key` (which
    /// can start with `key_start`).
    fn entries<K>(
        &mut self,
        states: &EntryStates,
        ctx: &mut Entries<K>,
        key_start: TokenSet,
        key: fn(&mut Self) -> Step<K>,
    ) -> Step<()> {
        let [key_at, colon_at, value_at, loop_at] = states.first;
        ctx.keys.push(key(self.at(key_at))?);
        let colon = self.r.expect(colon_at, COLON, value_at)?;
        ctx.values.push((colon, self.at(value_at).expr()?));
        self.r.state = loop_at;
        let [comma_at, key_at, colon_at, value_at, loop_at] = states.next;
        while self.r.more_after_comma(key_start) {
            self.r.take(comma_at);
            ctx.keys.push(key(self.at(key_at))?);
            let colon = self.r.expect(colon_at, COLON, value_at)?;
            ctx.values.push((colon, self.at(value_at).expr()?));
            self.r.state = loop_at;
        }
        Ok(())
    }

    fn opt_field(&mut self) -> Step<Opt<EscapeIdent>> {
        self.opt(Rule::OptField, [216, 215, 218], Self::escape_ident)
    }

    fn opt_expr(&mut self) -> Step<Opt<Tree>> {
        self.opt(Rule::OptExpr, [238, 237, 240], Self::expr)
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
                return Err(Flow::Failed(Failure::NoViableAlt {
                    start: at,
                    offending: at,
                }));
            }
        };
        Ok(())
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
