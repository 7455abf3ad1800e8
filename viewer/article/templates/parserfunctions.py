"""Parser functions and magic words: ``#if``, ``#ifeq``, ``#switch``, ``#expr``,
``#time``, ``PAGENAME``, ``lc``/``uc``, ``formatnum``, ``padleft``...

Branches are chosen on the *text* of their test (templates expanded, markup dropped,
stripped, as MediaWiki compares expanded wikitext) and the chosen branch is parsed again
as wikitext (``ctx.inlines``, or ``ctx.blocks`` when it holds block markup), so that
links, styles and templates inside it work.

``#expr`` and ``#ifexpr`` use :func:`evaluate`, a small precedence-climbing evaluator
for MediaWiki's expression language (arithmetic, ``mod``, ``round``, comparisons,
``and``/``or``/``not``, a few functions); it never calls ``eval``.
"""

from __future__ import annotations

import datetime as _dt
import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import quote, quote_plus

import mwparserfromhell
from mwparserfromhell.wikicode import Wikicode

from viewer.article.model import Inline, Text
from viewer.article.templates.base import Context, Nodes, TemplateCall, TemplateRegistry
from viewer.article.templates.dates import format_date, parse_date
from viewer.article.titles import NAMESPACES

__all__ = ["ExprError", "evaluate", "format_expr", "register", "time_format"]

_COMMENT = re.compile(r"<!--.*?(?:-->|$)", re.S)
_BLOCK_MARKUP = re.compile(r"(^|\n)\s*([*#;:]|\{\||==|----)")
_NUMERIC = re.compile(r"^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$")


# --------------------------------------------------------------------------- expressions


class ExprError(ValueError):
    """A malformed expression; the message is MediaWiki's wording."""


@dataclass(frozen=True, slots=True)
class _Tok:
    kind: str  # "num", "op", "(", ")"
    value: str
    number: float = 0.0


_WORDS = frozenset(
    {"mod", "fmod", "round", "div", "and", "or", "not", "e", "pi", "abs", "floor", "ceil",
     "trunc", "ln", "exp", "sqrt", "sin", "cos", "tan", "asin", "acos", "atan", "sign"}
)
_UNARY_FUNCS: dict[str, Callable[[float], float]] = {
    "abs": abs, "floor": math.floor, "ceil": math.ceil, "trunc": math.trunc,
    "exp": math.exp, "sin": math.sin, "cos": math.cos, "tan": math.tan,
    "asin": math.asin, "acos": math.acos, "atan": math.atan,
    "sign": lambda x: float((x > 0) - (x < 0)),
}
# Binary operators: precedence (higher binds tighter), all left-associative.
_BINARY: dict[str, int] = {
    "or": 1, "and": 2,
    "=": 3, "!=": 3, "<>": 3, "<": 3, ">": 3, "<=": 3, ">=": 3,
    "round": 4,
    "+": 5, "-": 5,
    "*": 6, "/": 6, "div": 6, "mod": 6, "fmod": 6,
    "^": 7,
    "e": 9,
}
_MAX_TOKENS = 2000


def _tokenize(text: str) -> list[_Tok]:
    tokens: list[_Tok] = []
    i = 0
    s = text.replace("−", "-").replace("×", "*").replace("÷", "/")
    while i < len(s):
        c = s[i]
        if c.isspace():
            i += 1
            continue
        if c.isdigit() or c == ".":
            m = re.match(r"\d*\.?\d*", s[i:])
            assert m is not None
            raw = m.group(0)
            if raw == ".":
                raise ExprError('Expression error: Unrecognized punctuation character ".".')
            tokens.append(_Tok("num", raw, float(raw)))
            i += len(raw)
        elif c.isalpha():
            m = re.match(r"[a-zA-Z]+", s[i:])
            assert m is not None
            word = m.group(0).lower()
            if word not in _WORDS:
                raise ExprError(f'Expression error: Unrecognized word "{word}".')
            if word == "pi":
                tokens.append(_Tok("num", word, math.pi))
            else:
                tokens.append(_Tok("op", word))
            i += len(m.group(0))
        elif s.startswith(("<=", ">=", "<>", "!="), i):
            tokens.append(_Tok("op", s[i:i + 2]))
            i += 2
        elif c in "+-*/^=<>":
            tokens.append(_Tok("op", c))
            i += 1
        elif c in "()":
            tokens.append(_Tok(c, c))
            i += 1
        else:
            raise ExprError(f'Expression error: Unrecognized punctuation character "{c}".')
        if len(tokens) > _MAX_TOKENS:
            raise ExprError("Expression error: Expression too long.")
    return tokens


class _ExprParser:
    def __init__(self, tokens: list[_Tok]) -> None:
        self.tokens = tokens
        self.pos = 0
        self.depth = 0

    def peek(self) -> _Tok | None:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def take(self) -> _Tok:
        tok = self.tokens[self.pos]
        self.pos += 1
        return tok

    def parse(self) -> float:
        if not self.tokens:
            return math.nan
        value = self.binary(0)
        if self.peek() is not None:
            tok = self.take()
            if tok.kind == "num":
                raise ExprError("Expression error: Missing operator.")
            raise ExprError(f"Expression error: Unexpected {tok.value} operator.")
        return value

    def binary(self, min_prec: int) -> float:
        left = self.unary()
        while True:
            tok = self.peek()
            if tok is None or tok.kind != "op" or tok.value not in _BINARY:
                return left
            prec = _BINARY[tok.value]
            if prec < min_prec:
                return left
            self.take()
            right = self.binary(prec + 1)
            left = _apply(tok.value, left, right)

    def unary(self) -> float:
        tok = self.peek()
        if tok is None:
            raise ExprError("Expression error: Missing operand.")
        self.depth += 1
        if self.depth > 200:
            raise ExprError("Expression error: Stack exhausted.")
        try:
            if tok.kind == "num":
                self.take()
                return tok.number
            if tok.kind == "(":
                self.take()
                value = self.binary(0)
                close = self.peek()
                if close is None or close.kind != ")":
                    raise ExprError("Expression error: Missing close bracket.")
                self.take()
                return value
            if tok.kind == ")":
                raise ExprError("Expression error: Unexpected closing bracket.")
            word = tok.value
            if word == "-":
                self.take()
                return -self.binary(8)
            if word == "+":
                self.take()
                return self.binary(8)
            if word == "not":
                self.take()
                return float(self.binary(8) == 0)
            if word == "e":
                self.take()
                return math.e
            if word in _UNARY_FUNCS or word in ("ln", "sqrt"):
                self.take()
                arg = self.binary(8)
                if word == "ln":
                    if arg <= 0:
                        raise ExprError("Expression error: Invalid argument for ln: <= 0.")
                    return math.log(arg)
                if word == "sqrt":
                    if arg < 0:
                        raise ExprError("Expression error: Invalid argument for sqrt: < 0.")
                    return math.sqrt(arg)
                return float(_UNARY_FUNCS[word](arg))
            raise ExprError(f"Expression error: Unexpected {word} operator.")
        finally:
            self.depth -= 1


def _apply(op: str, a: float, b: float) -> float:
    """Apply a binary operator; results too large for a float are infinite, as in PHP."""
    try:
        return _apply_checked(op, a, b)
    except OverflowError:
        return math.inf
    except ExprError:
        raise
    except ValueError as exc:  # e.g. int(nan) in mod
        raise ExprError("Expression error: Invalid argument.") from exc


def _apply_checked(op: str, a: float, b: float) -> float:
    if op == "+":
        return a + b
    if op == "-":
        return a - b
    if op == "*":
        return a * b
    if op in ("/", "div"):
        if b == 0:
            raise ExprError("Expression error: Division by zero.")
        return a / b
    if op == "mod":
        ia, ib = int(a), int(b)
        if ib == 0:
            raise ExprError("Expression error: Division by zero.")
        return float(math.fmod(ia, ib))
    if op == "fmod":
        if b == 0:
            raise ExprError("Expression error: Division by zero.")
        return math.fmod(a, b)
    if op == "^":
        try:
            result = a ** b
        except ZeroDivisionError as exc:
            raise ExprError("Expression error: Division by zero.") from exc
        if isinstance(result, complex):
            return math.nan
        return float(result)
    if op == "e":
        return a * 10 ** b
    if op == "round":
        digits = int(b)
        factor = 10.0 ** digits
        scaled = abs(a) * factor
        rounded = math.floor(scaled + 0.5) / factor
        return math.copysign(rounded, a) if rounded else 0.0
    if op == "=":
        return float(a == b)
    if op in ("!=", "<>"):
        return float(a != b)
    if op == "<":
        return float(a < b)
    if op == ">":
        return float(a > b)
    if op == "<=":
        return float(a <= b)
    if op == ">=":
        return float(a >= b)
    if op == "and":
        return float(a != 0 and b != 0)
    if op == "or":
        return float(a != 0 or b != 0)
    raise ExprError(f"Expression error: Unexpected {op} operator.")  # pragma: no cover


def evaluate(text: str) -> float:
    """Evaluate a MediaWiki ``#expr`` expression.

    >>> evaluate("2 + 3 * 4")
    14.0
    >>> evaluate("7 mod 3 = 1 and not 0")
    1.0

    Raises:
        ExprError: with MediaWiki's message for malformed input.
    """
    return _ExprParser(_tokenize(text)).parse()


def format_expr(value: float) -> str:
    """Format a result as MediaWiki does: integers without ``.0``, up to 14 significant
    digits, ``INF``/``NAN`` for the special values."""
    if math.isnan(value):
        return "NAN"
    if math.isinf(value):
        return "-INF" if value < 0 else "INF"
    if value == int(value) and abs(value) < 1e15:
        return str(int(value))
    text = f"{value:.14G}"
    if "E" in text:
        mantissa, _, exponent = text.partition("E")
        if "." not in mantissa:
            mantissa += ".0"
        sign = exponent[0]
        digits = exponent[1:].lstrip("0") or "0"
        return f"{mantissa}E{sign}{digits}"
    return text


# --------------------------------------------------------------------------- helpers


def _raw(value: Wikicode | str | None) -> str:
    if value is None:
        return ""
    return _COMMENT.sub("", str(value)).strip()


def _text(ctx: Context, value: Wikicode | str | None) -> str:
    """Plain text of a value; plain values skip the parser round trip."""
    raw = _raw(value)
    if not raw or not re.search(r"[\[\]{}<>&']", raw):
        return " ".join(raw.split())
    return ctx.text(value)


def _split(call: TemplateCall) -> list[tuple[str | None, Wikicode]]:
    """Arguments after the head as ``(explicit name or None, value)``.

    ``call.keyed`` says which were written ``name=value``; without it (a call built by
    hand), names out of the ``1, 2, ...`` sequence count as written with ``=``.
    """
    out: list[tuple[str | None, Wikicode]] = []
    if len(call.keyed) == len(call.params):
        return [(name if keyed else None, value)
                for (name, value), keyed in zip(call.params, call.keyed, strict=True)]
    positional = 0
    for name, value in call.params:
        if name == str(positional + 1):
            positional += 1
            out.append((None, value))
        else:
            out.append((name, value))
    return out


def _branches(call: TemplateCall) -> list[Wikicode]:
    """The arguments after the head as written: MediaWiki passes ``a=b`` to most parser
    functions literally, so named arguments are rebuilt as ``name=value``."""
    return [
        value if name is None else mwparserfromhell.parse(f"{name}={value}")
        for name, value in _split(call)
    ]


def _render(ctx: Context, value: Wikicode | None) -> Nodes:
    """A chosen branch, parsed again: blocks when it holds block markup."""
    if value is None:
        return ()
    raw = _raw(value)
    if not raw:
        return ()
    if _BLOCK_MARKUP.search(raw):
        return ctx.blocks(mwparserfromhell.parse(raw))
    return ctx.inlines(mwparserfromhell.parse(raw))


def _head(call: TemplateCall) -> Wikicode:
    return call.head if call.head is not None else mwparserfromhell.parse("")


def _equal(a: str, b: str) -> bool:
    """MediaWiki's comparison: numeric when both sides are numbers, else textual."""
    if _NUMERIC.match(a) and _NUMERIC.match(b):
        return float(a) == float(b)
    return a == b


def _error(message: str) -> Nodes:
    return (Text(message),)


# --------------------------------------------------------------------------- conditionals


def pf_if(call: TemplateCall, ctx: Context) -> Nodes:
    """``{{#if: test | then | else}}``: ``then`` when the test is not blank."""
    branches = _branches(call)
    chosen = 0 if _text(ctx, _head(call)) else 1
    return _render(ctx, branches[chosen] if chosen < len(branches) else None)


def pf_ifeq(call: TemplateCall, ctx: Context) -> Nodes:
    """``{{#ifeq: a | b | then | else}}``."""
    branches = _branches(call)
    if not branches:
        return ()
    same = _equal(_text(ctx, _head(call)), _text(ctx, branches[0]))
    chosen = 1 if same else 2
    return _render(ctx, branches[chosen] if chosen < len(branches) else None)


def pf_iferror(call: TemplateCall, ctx: Context) -> Nodes:
    """``{{#iferror: test | error | otherwise}}``: an expression error in the test picks
    ``error``; otherwise ``otherwise`` if given, else the test itself."""
    branches = _branches(call)
    test = _text(ctx, _head(call))
    if "error:" in test.lower() or "expression error" in test.lower():
        return _render(ctx, branches[0] if branches else None)
    if len(branches) >= 2:
        return _render(ctx, branches[1])
    return _render(ctx, _head(call))


def pf_ifexpr(call: TemplateCall, ctx: Context) -> Nodes:
    """``{{#ifexpr: 1 > 0 | then | else}}``."""
    branches = _branches(call)
    try:
        value = evaluate(_text(ctx, _head(call)))
    except ExprError as exc:
        return _error(str(exc))
    chosen = 0 if (value != 0 and not math.isnan(value)) else 1
    return _render(ctx, branches[chosen] if chosen < len(branches) else None)


def pf_ifexist(call: TemplateCall, ctx: Context) -> Nodes:
    """``{{#ifexist: page | then | else}}``: offline we cannot tell, so ``else``."""
    branches = _branches(call)
    return _render(ctx, branches[1] if len(branches) > 1 else None)


def pf_switch(call: TemplateCall, ctx: Context) -> Nodes:
    """``{{#switch: value | a = A | b | c = B or C | #default = D}}``; a last case without
    ``=`` is the default too."""
    value = _text(ctx, _head(call))
    default: Wikicode | None = None
    matched = False
    cases = _split(call)
    for index, (name, result) in enumerate(cases):
        if name is None:
            # A bare value: fall through to the next result, or the default when last.
            if _equal(value, _text(ctx, result)):
                matched = True
            elif index == len(cases) - 1:
                default = result
            continue
        key = _text(ctx, name) if "{" in name else name.strip()
        if matched or _equal(value, key):
            return _render(ctx, result)
        if key == "#default":
            default = result
    return _render(ctx, default)


def pf_expr(call: TemplateCall, ctx: Context) -> Nodes:
    """``{{#expr: 2 * (3 + 4)}}`` -> ``14``."""
    text = _text(ctx, _head(call))
    if not text:
        return ()
    try:
        return (Text(format_expr(evaluate(text))),)
    except ExprError as exc:
        return _error(str(exc))


# --------------------------------------------------------------------------- #time

_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December",
)


def now() -> _dt.datetime:
    """The current UTC time (a function so that tests can fix it)."""
    return _dt.datetime.now(_dt.UTC).replace(tzinfo=None)


def _parse_when(text: str) -> _dt.datetime | None:
    s = text.strip()
    if not s or s.lower() == "now":
        return now()
    if s.lower() == "today":
        return now().replace(hour=0, minute=0, second=0, microsecond=0)
    for fmt in ("%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%d",
                "%d %B %Y", "%B %d, %Y", "%B %d %Y", "%d %b %Y", "%b %d, %Y", "%B %Y",
                "%Y-%m", "%Y%m%d%H%M%S"):
        try:
            return _dt.datetime.strptime(s, fmt)
        except ValueError:
            continue
    if re.match(r"^\d{4}$", s):
        # A bare year reads as a time of day in MediaWiki; years are what people mean.
        return now().replace(year=int(s))
    return None


def time_format(fmt: str, when: _dt.datetime) -> str:
    """Format ``when`` with ``#time`` codes: ``Y y L F M m n d j D l N w H G i s U``,
    ``"quoted"`` literals and ``\\`` escapes.

    >>> time_format("j F Y", _dt.datetime(2006, 6, 29))
    '29 June 2006'
    """
    out: list[str] = []
    i = 0
    while i < len(fmt):
        c = fmt[i]
        if c == "\\" and i + 1 < len(fmt):
            out.append(fmt[i + 1])
            i += 2
            continue
        if c == '"':
            end = fmt.find('"', i + 1)
            if end == -1:
                out.append(c)
                i += 1
                continue
            out.append(fmt[i + 1:end])
            i = end + 1
            continue
        out.append(_time_code(c, when))
        i += 1
    return "".join(out)


def _time_code(c: str, when: _dt.datetime) -> str:
    codes: dict[str, Callable[[], str]] = {
        "Y": lambda: str(when.year),
        "y": lambda: f"{when.year % 100:02d}",
        "L": lambda: "1" if (when.year % 4 == 0 and when.year % 100 != 0)
        or when.year % 400 == 0 else "0",
        "F": lambda: _MONTHS[when.month - 1],
        "M": lambda: _MONTHS[when.month - 1][:3],
        "m": lambda: f"{when.month:02d}",
        "n": lambda: str(when.month),
        "d": lambda: f"{when.day:02d}",
        "j": lambda: str(when.day),
        "D": lambda: _WEEKDAYS[when.weekday()][:3],
        "l": lambda: _WEEKDAYS[when.weekday()],
        "N": lambda: str(when.isoweekday()),
        "w": lambda: str(when.isoweekday() % 7),
        "z": lambda: str(when.timetuple().tm_yday - 1),
        "W": lambda: f"{when.isocalendar()[1]:02d}",
        "t": lambda: str((_dt.date(when.year + (when.month == 12), when.month % 12 + 1, 1)
                          - _dt.timedelta(days=1)).day),
        "H": lambda: f"{when.hour:02d}",
        "G": lambda: str(when.hour),
        "h": lambda: f"{(when.hour % 12) or 12:02d}",
        "g": lambda: str((when.hour % 12) or 12),
        "A": lambda: "PM" if when.hour >= 12 else "AM",
        "a": lambda: "pm" if when.hour >= 12 else "am",
        "i": lambda: f"{when.minute:02d}",
        "s": lambda: f"{when.second:02d}",
        "U": lambda: str(int(when.replace(tzinfo=_dt.UTC).timestamp())),
        "c": lambda: when.strftime("%Y-%m-%dT%H:%M:%S+00:00"),
    }
    fn = codes.get(c)
    return fn() if fn is not None else c


def pf_time(call: TemplateCall, ctx: Context) -> Nodes:
    """``{{#time: j F Y | 2006-06-29}}`` -> ``29 June 2006`` (no date: now)."""
    fmt = _raw(_head(call))
    branches = _branches(call)
    when_text = _text(ctx, branches[0]) if branches else ""
    when = _parse_when(when_text)
    if when is None:
        return _error("Error: Invalid time.")
    return (Text(time_format(fmt, when)),)


# --------------------------------------------------------------------------- magic words


def _magic(fn: Callable[[TemplateCall, Context], str]) -> Callable[[TemplateCall, Context],
                                                                    Nodes]:
    def handler(call: TemplateCall, ctx: Context) -> Nodes:
        text = fn(call, ctx)
        return (Text(text),) if text else ()

    handler.__doc__ = fn.__doc__
    return handler


def _title_arg(call: TemplateCall, ctx: Context) -> str:
    head = _text(ctx, call.head) if call.head is not None else ""
    return head or ctx.title


def _split_title(full: str) -> tuple[str, str]:
    """``User:Foo/bar`` -> ``("User", "Foo/bar")``; main-namespace titles -> ``("", t)``."""
    prefix, colon, rest = full.partition(":")
    ns = NAMESPACES.get(prefix.strip().lower().replace("_", " ")) if colon else None
    if ns is None:
        return "", full
    return ns, rest.strip()


def _subpages(ns: str, page: str) -> list[str]:
    """A title's ``/`` parts; the main namespace has no subpages on Wikipedia (``AC/DC``
    is one page)."""
    return page.split("/") if ns else [page]


def _talk_space(ns: str) -> str:
    if ns == "Talk" or ns.endswith(" talk"):
        return ns
    return f"{ns} talk" if ns else "Talk"


def _subject_space(ns: str) -> str:
    if ns == "Talk":
        return ""
    return ns[: -len(" talk")] if ns.endswith(" talk") else ns


def _join_title(ns: str, page: str) -> str:
    return f"{ns}:{page}" if ns else page


_PAGE_WORDS: dict[str, Callable[[str, str], str]] = {
    "fullpagename": _join_title,
    "pagename": lambda ns, page: page,
    "basepagename": lambda ns, page: "/".join(_subpages(ns, page)[:-1]) or page,
    "rootpagename": lambda ns, page: _subpages(ns, page)[0],
    "subpagename": lambda ns, page: _subpages(ns, page)[-1],
    "talkpagename": lambda ns, page: _join_title(_talk_space(ns), page),
    "subjectpagename": lambda ns, page: _join_title(_subject_space(ns), page),
    "articlepagename": lambda ns, page: _join_title(_subject_space(ns), page),
    "namespace": lambda ns, page: ns,
    "talkspace": lambda ns, page: _talk_space(ns),
    "subjectspace": lambda ns, page: _subject_space(ns),
    "articlespace": lambda ns, page: _subject_space(ns),
}


def _page_word(key: str, encoded: bool) -> Callable[[TemplateCall, Context], Nodes]:
    word = _PAGE_WORDS[key]

    def handler(call: TemplateCall, ctx: Context) -> Nodes:
        text = word(*_split_title(_title_arg(call, ctx)))
        if encoded:
            text = quote(text.replace(" ", "_"), safe="/:()!*,;@$'~")
        return (Text(text),) if text else ()

    upper = key.upper() + ("E" if encoded else "")
    handler.__doc__ = f"``{{{{{upper}}}}}`` for the page being read (or the given title)."
    return handler


@_magic
def sitename(call: TemplateCall, ctx: Context) -> str:
    """``{{SITENAME}}``."""
    return "Wikipedia"


def _now_word(key: str) -> str:
    t = now()
    values: dict[str, str] = {
        "year": str(t.year),
        "month": f"{t.month:02d}",
        "month1": str(t.month),
        "month2": f"{t.month:02d}",
        "monthname": _MONTHS[t.month - 1],
        "monthnamegen": _MONTHS[t.month - 1],
        "monthabbrev": _MONTHS[t.month - 1][:3],
        "day": str(t.day),
        "day2": f"{t.day:02d}",
        "dayname": _WEEKDAYS[t.weekday()],
        "dow": str(t.isoweekday() % 7),
        "hour": f"{t.hour:02d}",
        "time": f"{t.hour:02d}:{t.minute:02d}",
        "week": str(t.isocalendar()[1]),
        "timestamp": t.strftime("%Y%m%d%H%M%S"),
    }
    return values.get(key, "")


def _current(key: str) -> Callable[[TemplateCall, Context], Nodes]:
    def handler(call: TemplateCall, ctx: Context) -> Nodes:
        return (Text(_now_word(key)),)

    handler.__doc__ = f"``{{{{CURRENT{key.upper()}}}}}``: from the clock."
    return handler


def _case(
    fn: Callable[[str], str], *, first_only: bool = False
) -> Callable[[TemplateCall, Context], Nodes]:
    def handler(call: TemplateCall, ctx: Context) -> Nodes:
        head = call.head
        if head is None:
            return ()
        raw = _raw(head)
        if re.search(r"\[\[|\{\{|<|''", raw):
            # Keep links and styles: change the case of the text parts only (for
            # ucfirst/lcfirst, of the first text part).
            out: list[Inline] = []
            done = False
            for node in ctx.inlines(head):
                if isinstance(node, Text) and node.text and not done:
                    out.append(Text(fn(node.text)))
                    done = first_only
                else:
                    out.append(node)
            return tuple(out)
        return (Text(fn(_text(ctx, head))),) if raw else ()

    handler.__doc__ = f"``{{{{{fn.__name__.strip('_')}:...}}}}``: change of case."
    return handler


def _ucfirst(s: str) -> str:
    return s[:1].upper() + s[1:]


def _lcfirst(s: str) -> str:
    return s[:1].lower() + s[1:]


def formatnum_text(number: str, option: str = "") -> str:
    """``formatnum``: ``1234567.5`` -> ``1,234,567.5``; ``R`` removes separators."""
    text = number.strip()
    if option.upper() == "R":
        return text.replace(",", "")
    if option.upper() == "NOSEP":
        return text
    m = re.match(r"^([+\-−]?)(\d+)(\.\d+)?$", text.replace(",", ""))
    if not m:
        return text
    sign, whole, frac = m.groups()
    return f"{sign}{int(whole):,}{frac or ''}"


def formatnum(call: TemplateCall, ctx: Context) -> Nodes:
    """``{{formatnum:1234567}}`` -> ``1,234,567``."""
    branches = _branches(call)
    option = _raw(branches[0]) if branches else ""
    text = formatnum_text(_text(ctx, call.head), option)
    return (Text(text),) if text else ()


def _pad(left: bool) -> Callable[[TemplateCall, Context], Nodes]:
    def handler(call: TemplateCall, ctx: Context) -> Nodes:
        text = _text(ctx, call.head)
        branches = _branches(call)
        length_raw = _raw(branches[0]) if branches else "0"
        length = min(int(length_raw), 500) if length_raw.isdigit() else 0
        pad = str(branches[1]) if len(branches) > 1 and str(branches[1]) else "0"
        missing = length - len(text)
        if missing <= 0:
            return (Text(text),) if text else ()
        filler = (pad * (missing // len(pad) + 1))[:missing]
        return (Text(filler + text if left else text + filler),)

    handler.__doc__ = "``{{padleft:7|3|0}}`` -> ``007``." if left else "``padright``."
    return handler


def urlencode(call: TemplateCall, ctx: Context) -> Nodes:
    """``{{urlencode:a b}}`` -> ``a+b`` (``PATH``: ``%20``; ``WIKI``: ``_``)."""
    text = _text(ctx, call.head)
    branches = _branches(call)
    mode = _raw(branches[0]).upper() if branches else "QUERY"
    if mode == "PATH":
        out = quote(text, safe="")
    elif mode == "WIKI":
        out = quote(text.replace(" ", "_"), safe=";:@$!*(),/~")  # as wfUrlencode
    else:
        out = quote_plus(text)
    return (Text(out),) if out else ()


def anchorencode(call: TemplateCall, ctx: Context) -> Nodes:
    """``{{anchorencode:Some title}}`` -> ``Some_title``."""
    text = " ".join(re.sub(r"[\s_]+", " ", _text(ctx, call.head)).split())
    return (Text(text.replace(" ", "_")),) if text else ()


_NAMESPACES: dict[str, str] = {
    "0": "", "1": "Talk", "2": "User", "3": "User talk", "4": "Wikipedia",
    "5": "Wikipedia talk", "6": "File", "7": "File talk", "8": "MediaWiki",
    "9": "MediaWiki talk", "10": "Template", "11": "Template talk", "12": "Help",
    "13": "Help talk", "14": "Category", "15": "Category talk", "100": "Portal",
    "101": "Portal talk", "118": "Draft", "119": "Draft talk", "828": "Module",
    "829": "Module talk", "-1": "Special", "-2": "Media",
}
_NS_BY_NAME = {v.lower(): v for v in _NAMESPACES.values() if v}
_NS_BY_NAME.update({"image": "File", "project": "Wikipedia", "wp": "Wikipedia"})


def ns(call: TemplateCall, ctx: Context) -> Nodes:
    """``{{ns:14}}`` -> ``Category``; ``{{ns:file}}`` -> ``File``."""
    key = _text(ctx, call.head).strip()
    if re.match(r"^-?\d+$", key):
        key = str(int(key))  # {{ns:01}} is {{ns:1}}
    folded = " ".join(key.lower().replace("_", " ").split())
    name = _NAMESPACES.get(key) or _NS_BY_NAME.get(folded, "")
    return (Text(name),) if name else ()


def plural(call: TemplateCall, ctx: Context) -> Nodes:
    """``{{plural:2|item|items}}`` -> ``items``."""
    number = _text(ctx, call.head).replace(",", "")
    branches = _branches(call)
    if not branches:
        return ()
    try:
        singular = abs(float(number)) == 1
    except ValueError:
        singular = False
    chosen = branches[0] if singular or len(branches) == 1 else branches[1]
    return _render(ctx, chosen)


def titleparts(call: TemplateCall, ctx: Context) -> Nodes:
    """``{{#titleparts: A/B/C | 1 | 2}}`` -> ``B``: ``count`` parts from ``first``."""
    title = _text(ctx, call.head)
    parts = title.split("/")
    branches = _branches(call)
    count_raw = _raw(branches[0]) if branches else ""
    first_raw = _raw(branches[1]) if len(branches) > 1 else ""
    try:
        count = int(count_raw) if count_raw else 0
        first = int(first_raw) if first_raw else 1
    except ValueError:
        return (Text(title),) if title else ()
    start = first - 1 if first > 0 else max(len(parts) + first, 0)
    selected = parts[start:]
    if count > 0 or count < 0:
        selected = selected[:count]
    text = "/".join(selected)
    return (Text(text),) if text else ()


def formatdate(call: TemplateCall, ctx: Context) -> Nodes:
    """``{{#formatdate:2009-03-24|dmy}}`` -> ``24 March 2009`` (``mdy``, ``ymd``, ``ISO
    8601``); without a format, or for a date it cannot read, the text as given."""
    text = _text(ctx, call.head)
    branches = _branches(call)
    style = _raw(branches[0]).lower() if branches else ""
    parsed = parse_date(text) if style else None
    if parsed is None:
        return (Text(text),) if text else ()
    if style in ("ymd", "iso 8601", "iso"):
        return (Text(format_date(parsed, day_first=True, iso=True)),)
    return (Text(format_date(parsed, day_first=style == "dmy")),)


def invoke(call: TemplateCall, ctx: Context) -> Nodes:
    """``{{#invoke:Module|fn}}``: Lua modules cannot run here; recorded as unknown."""
    return ctx.unknown(call)


def nothing(call: TemplateCall, ctx: Context) -> Nodes:
    """Magic words that change page settings (``DEFAULTSORT``, ``DISPLAYTITLE``)."""
    return ()


def register(registry: TemplateRegistry) -> None:
    """Register parser functions and magic words."""
    add = registry.add
    add(("#if",), pf_if)
    add(("#ifeq",), pf_ifeq)
    add(("#iferror",), pf_iferror)
    add(("#ifexpr",), pf_ifexpr)
    add(("#ifexist",), pf_ifexist)
    add(("#switch",), pf_switch)
    add(("#expr",), pf_expr)
    add(("#time", "#timel"), pf_time)
    add(("#titleparts",), titleparts)
    add(("#formatdate", "#dateformat"), formatdate)
    add(("#invoke", "#property", "#statements"), invoke)
    for key in _PAGE_WORDS:
        add((key,), _page_word(key, encoded=False))
        add((f"{key}e",), _page_word(key, encoded=True))
    add(("sitename",), sitename)
    for key in ("year", "month", "month1", "month2", "monthname", "monthnamegen",
                "monthabbrev", "day", "day2", "dayname", "dow", "hour", "time", "week",
                "timestamp"):
        add((f"current{key}", f"local{key}"), _current(key))
    add(("currentyear", "current year", "localyear"), _current("year"))
    add(("lc",), _case(str.lower))
    add(("uc",), _case(str.upper))
    add(("lcfirst",), _case(_lcfirst, first_only=True))
    add(("ucfirst",), _case(_ucfirst, first_only=True))
    add(("formatnum",), formatnum)
    add(("padleft",), _pad(True))
    add(("padright",), _pad(False))
    add(("urlencode",), urlencode)
    add(("anchorencode",), anchorencode)
    add(("ns", "nse"), ns)
    add(("plural",), plural)
    add(("defaultsort", "defaultsortkey", "defaultcategorysort", "displaytitle",
         "__notoc__", "__toc__", "__forcetoc__", "__nocc__"), nothing)
