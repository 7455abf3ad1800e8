"""Simple TeX formulas as rich text: ``x^2 + \\alpha_i`` -> *x*\\ :sup:`2` + α\\ :sub:`i`.

Qt's rich-text engine cannot typeset TeX and RefView ships no math renderer, so the HTML
renderer used to show every ``<math>`` as its source in a code span.  Most formulas in
articles are simple (a power, an index, a Greek letter, a fraction, a chemical equation
in ``\\ce{...}``); this module turns exactly that subset into inline model nodes (text,
italics for variables, superscripts, subscripts) and returns ``None`` for anything else
(matrices, ``\\begin``, big operators with layout, unknown commands), in which case the
caller keeps showing the TeX source.  Pure and total: any input gives nodes or ``None``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from viewer.article.model import Inline, Style, Text

__all__ = ["tex_inlines"]

_MAX_LEN = 400
"""Longer formulas are left as source: they are rarely of the simple kind."""

_SYMBOLS = {
    # Greek
    "alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ϵ",
    "varepsilon": "ε", "zeta": "ζ", "eta": "η", "theta": "θ", "vartheta": "ϑ",
    "iota": "ι", "kappa": "κ", "lambda": "λ", "mu": "μ", "nu": "ν", "xi": "ξ", "pi": "π",
    "varpi": "ϖ", "rho": "ρ", "varrho": "ϱ", "sigma": "σ", "varsigma": "ς", "tau": "τ",
    "upsilon": "υ", "phi": "ϕ", "varphi": "φ", "chi": "χ", "psi": "ψ", "omega": "ω",
    "Gamma": "Γ", "Delta": "Δ", "Theta": "Θ", "Lambda": "Λ", "Xi": "Ξ", "Pi": "Π",
    "Sigma": "Σ", "Upsilon": "Υ", "Phi": "Φ", "Psi": "Ψ", "Omega": "Ω",
    # operators and relations
    "cdot": "·", "times": "×", "div": "÷", "pm": "±", "mp": "∓", "ast": "∗",
    "leq": "≤", "le": "≤", "geq": "≥", "ge": "≥", "neq": "≠", "ne": "≠", "approx": "≈",
    "equiv": "≡", "sim": "∼", "simeq": "≃", "cong": "≅", "propto": "∝", "ll": "≪",
    "gg": "≫", "in": "∈", "notin": "∉", "ni": "∋", "subset": "⊂", "subseteq": "⊆",
    "supset": "⊃", "supseteq": "⊇", "cup": "∪", "cap": "∩", "setminus": "∖",
    "emptyset": "∅", "varnothing": "∅", "forall": "∀", "exists": "∃", "neg": "¬",
    "lnot": "¬", "land": "∧", "wedge": "∧", "lor": "∨", "vee": "∨", "oplus": "⊕",
    "otimes": "⊗", "circ": "∘", "bullet": "∙", "star": "⋆", "perp": "⊥",
    "parallel": "∥", "mid": "∣", "angle": "∠", "triangle": "△",
    # arrows
    "to": "→", "rightarrow": "→", "leftarrow": "←", "gets": "←", "leftrightarrow": "↔",
    "Rightarrow": "⇒", "Leftarrow": "⇐", "Leftrightarrow": "⇔", "iff": "⟺",
    "implies": "⟹", "mapsto": "↦", "uparrow": "↑", "downarrow": "↓",
    "rightleftharpoons": "⇌", "longrightarrow": "⟶", "longleftarrow": "⟵",
    # big operators (limits become sub/superscripts after them)
    "sum": "∑", "prod": "∏", "coprod": "∐", "int": "∫", "iint": "∬", "iiint": "∭",
    "oint": "∮", "bigcup": "⋃", "bigcap": "⋂",
    # other symbols
    "infty": "∞", "partial": "∂", "nabla": "∇", "hbar": "ħ", "ell": "ℓ", "Re": "ℜ",
    "Im": "ℑ", "aleph": "ℵ", "prime": "′", "degree": "°", "ldots": "…", "dots": "…",
    "cdots": "⋯", "vdots": "⋮", "ddots": "⋱", "langle": "⟨", "rangle": "⟩",
    "lfloor": "⌊", "rfloor": "⌋", "lceil": "⌈", "rceil": "⌉", "lbrace": "{",
    "rbrace": "}", "vert": "|", "Vert": "‖", "backslash": "\\", "surd": "√",
    "dagger": "†", "ddagger": "‡", "S": "§", "P": "¶", "copyright": "©",
    "quad": "\u2003", "qquad": "\u2003\u2003",
}
# Named functions, shown upright.
_FUNCTIONS = frozenset({
    "sin", "cos", "tan", "cot", "sec", "csc", "arcsin", "arccos", "arctan", "sinh",
    "cosh", "tanh", "coth", "log", "ln", "lg", "exp", "lim", "liminf", "limsup", "max",
    "min", "sup", "inf", "det", "dim", "ker", "deg", "gcd", "arg", "hom", "Pr", "mod",
    "bmod",
})
# Commands that only change spacing or sizing: shown as a space or nothing.
_SPACING = {",": "\u2009", ";": " ", ":": " ", "!": "", " ": " ", "enspace": " ",
            "thinspace": "\u2009", "displaystyle": "", "textstyle": "", "scriptstyle": "",
            "left": "", "right": "", "big": "", "Big": "", "bigg": "", "Bigg": "",
            "bigl": "", "bigr": "", "Bigl": "", "Bigr": "", "limits": "", "nolimits": "",
            "middle": ""}
# Commands whose one argument is shown as upright text / bold / as is.
_UPRIGHT = frozenset({"mathrm", "text", "textrm", "mbox", "operatorname", "textnormal",
                      "mathsf", "textsf", "rm"})
_BOLD = frozenset({"mathbf", "textbf", "boldsymbol", "bm", "pmb"})
_ITALIC = frozenset({"mathit", "textit", "emph"})
_PASS = frozenset({"mathcal", "mathfrak", "mathscr", "mathtt", "texttt", "underline"})
# Accents over one letter, as combining characters (x̂, x̄, ṽ...).
_ACCENTS = {"hat": "\u0302", "widehat": "\u0302", "bar": "\u0304", "overline": "\u0305",
            "tilde": "\u0303", "widetilde": "\u0303", "vec": "\u20d7", "dot": "\u0307",
            "ddot": "\u0308"}
# Operators and relations set with space on both sides when they stand between operands.
_BINARY = frozenset("+−=<>±∓×÷·≤≥≠≈≡∼≃≅∝≪≫∈∉⊂⊆⊃⊇∪∩→←↔⇒⇐⇔⟺⟹↦⇌⟶⟵∧∨⊕⊗∣") | {"∖"}
_BLACKBOARD = {"R": "ℝ", "N": "ℕ", "Z": "ℤ", "Q": "ℚ", "C": "ℂ", "P": "ℙ", "H": "ℍ"}
_ESCAPED = frozenset("{}%$&#_|")
"""Characters written with a backslash to mean themselves (``\\{``, ``\\%``)."""


class _Unsupported(Exception):
    """The formula uses TeX this module does not render."""


@dataclass
class _Parser:
    """A recursive-descent reader of the supported TeX subset."""

    src: str
    pos: int = 0
    depth: int = 0

    def error(self) -> _Unsupported:
        return _Unsupported(self.src[self.pos:self.pos + 20])

    # -- tokens
    def peek(self) -> str:
        return self.src[self.pos] if self.pos < len(self.src) else ""

    def command(self) -> str:
        """Read a control sequence after its backslash."""
        match = re.compile(r"[A-Za-z]+|.").match(self.src, self.pos)
        if match is None:
            raise self.error()
        self.pos = match.end()
        return match.group()

    def skip_spaces(self) -> None:
        while self.peek().isspace():
            self.pos += 1

    # -- structure
    def group(self) -> list[Inline]:
        """One argument: a ``{...}`` group or a single token."""
        self.skip_spaces()
        char = self.peek()
        if char == "{":
            self.pos += 1
            nodes = self.sequence(closing="}")
            if self.peek() != "}":
                raise self.error()
            self.pos += 1
            return nodes
        if not char or char in "}^_&":
            raise self.error()
        return self.atom()

    def raw_group(self) -> str:
        """A ``{...}`` argument as raw text (for ``\\text{...}`` and friends)."""
        self.skip_spaces()
        if self.peek() != "{":
            return self.command() if self.peek() == "\\" else self.src[self.pos:self.pos + 1]
        depth, start = 0, self.pos
        while self.pos < len(self.src):
            char = self.src[self.pos]
            depth += char == "{"
            depth -= char == "}"
            self.pos += 1
            if depth == 0:
                return self.src[start + 1:self.pos - 1]
        raise self.error()

    def sequence(self, closing: str = "") -> list[Inline]:
        self.depth += 1
        if self.depth > 30:
            raise self.error()
        out: list[Inline] = []
        while self.pos < len(self.src) and self.peek() != closing:
            char = self.peek()
            if char in "^_":
                self.pos += 1
                script = tuple(self.group())
                out.append(Style("sup", script) if char == "^" else Style("sub", script))
            elif char == "}":
                raise self.error()
            else:
                atoms = self.atom()
                if (len(atoms) == 1 and isinstance(atoms[0], Text)
                        and atoms[0].text in _BINARY and _has_operand(out)):
                    # A binary operator or relation between operands: spaced, as TeX
                    # sets it (a leading minus stays unary: 10^{-3}).
                    atoms = [Text(f" {atoms[0].text} ")]
                out.extend(atoms)
        self.depth -= 1
        return out

    def atom(self) -> list[Inline]:
        char = self.peek()
        if char == "\\":
            self.pos += 1
            return self.control(self.command())
        if char == "{":
            return self.group()
        if char in "&$#%~":
            if char == "~":
                self.pos += 1
                return [Text("\u00a0")]
            raise self.error()
        if char == "'":
            self.pos += 1
            return [Text("′")]
        if char.isspace():
            self.skip_spaces()
            return []
        if char.isascii() and char.isalpha():
            match = re.compile(r"[A-Za-z]+").match(self.src, self.pos)
            assert match is not None
            self.pos = match.end()
            return [Style("i", (Text(match.group()),))]
        self.pos += 1
        return [Text({"-": "−", "*": "∗"}.get(char, char))]

    def control(self, name: str) -> list[Inline]:
        if name in _SYMBOLS:
            return [Text(_SYMBOLS[name])]
        if name in _FUNCTIONS:
            self.skip_spaces()
            return [Text(name if self.peek() in "^_({[" else name + "\u2009")]
        if name in _SPACING:
            if name in ("left", "right", "bigl", "bigr", "Bigl", "Bigr", "big", "Big",
                        "bigg", "Bigg", "middle"):
                self.skip_spaces()
                if self.peek() == ".":
                    self.pos += 1
            return [Text(_SPACING[name])] if _SPACING[name] else []
        if name in _ESCAPED:
            return [Text(name)]
        if name in _UPRIGHT:
            return [Text(self.raw_group())]
        if name in _BOLD:
            return [Style("b", tuple(self.group()))]
        if name in _ITALIC:
            return [Style("i", tuple(self.group()))]
        if name == "mathbb":
            letter = self.raw_group().strip()
            return [Text(_BLACKBOARD.get(letter, letter))]
        if name in _ACCENTS:
            accented = self.group()
            if len("".join(n.text for n in _texts(accented))) != 1:
                raise self.error()
            return [*accented, Text(_ACCENTS[name])]
        if name in _PASS:
            return self.group()
        if name in ("frac", "dfrac", "tfrac"):
            top, bottom = self.group(), self.group()
            return [*_wrapped(top), Text("/"), *_wrapped(bottom)]
        if name == "sqrt":
            self.skip_spaces()
            index: list[Inline] = []
            if self.peek() == "[":
                end = self.src.find("]", self.pos)
                if end < 0:
                    raise self.error()
                index = [Style("sup", (Text(self.src[self.pos + 1:end]),))]
                self.pos = end + 1
            return [*index, Text("√"), *_wrapped(self.group())]
        if name == "ce":
            return chem_inlines(self.raw_group())
        raise self.error()


def _texts(nodes: list[Inline]) -> list[Text]:
    """Every text node in ``nodes``, depth first."""
    out: list[Text] = []
    stack: list[Inline] = list(reversed(nodes))
    while stack:
        node = stack.pop()
        if isinstance(node, Text):
            out.append(node)
        else:
            stack.extend(reversed(getattr(node, "children", ())))
    return out


def _has_operand(nodes: list[Inline]) -> bool:
    """Whether ``nodes`` end with something an operator can follow (not another
    operator, not nothing)."""
    for node in reversed(nodes):
        if isinstance(node, Text):
            if not node.text.strip():
                continue
            return node.text.strip()[-1] not in _BINARY and node.text.strip()[-1] not in "(["
        return True
    return False


def _wrapped(nodes: list[Inline]) -> list[Inline]:
    """``nodes`` in parentheses unless they are one simple item (for a/b, √x)."""
    plain = "".join(n.text for n in nodes if isinstance(n, Text))
    simple = len(nodes) == 1 and (not isinstance(nodes[0], Text) or len(plain) <= 1
                                  or plain.isdigit())
    if simple or not nodes:
        return nodes
    return [Text("("), *nodes, Text(")")]


_CE_TOKEN = re.compile(
    r"(?P<arrow><=>|<->|->|<-|=)"
    r"|(?P<charge>\^\{?[0-9]*[+\-−]\}?|\^\{?[0-9]+\}?)"
    r"|(?P<element>[A-Z][a-z]?)"
    r"|(?P<count>\d+)"
    r"|(?P<other>.)",
    re.S,
)
_ARROWS = {"->": "→", "<-": "←", "<=>": "⇌", "<->": "↔", "=": "="}


def chem_inlines(formula: str) -> list[Inline]:
    """``\\ce{SO4^2- + H2O -> ...}``: counts after an element or a closing bracket become
    subscripts, charges superscripts, arrows arrows; leading coefficients stay as is."""
    if any(c in formula for c in "\\$&{}"):
        stripped = formula.replace("{", "").replace("}", "")
        if any(c in stripped for c in "\\$&"):
            raise _Unsupported(formula)
    out: list[Inline] = []
    after_formula = False  # the previous token was an element or a closing bracket
    for match in _CE_TOKEN.finditer(formula):
        kind, value = match.lastgroup, match.group()
        if kind == "arrow":
            out.append(Text(f" {_ARROWS[value]} " if value != "=" else " = "))
            after_formula = False
        elif kind == "charge":
            shown = value.strip("^{}").replace("-", "−")
            out.append(Style("sup", (Text(shown),)))
        elif kind == "element":
            out.append(Text(value))
            after_formula = True
        elif kind == "count":
            out.append(Style("sub", (Text(value),)) if after_formula else Text(value))
        else:
            if value in "+-" and after_formula and (match.end() == len(formula)
                                                    or formula[match.end()] in " )]"):
                out.append(Style("sup", (Text("+" if value == "+" else "−"),)))
                continue
            out.append(Text(value))
            after_formula = value in ")]"
    return _merged(out)


def _merged(nodes: list[Inline]) -> list[Inline]:
    """Adjacent texts joined, runs of spaces collapsed."""
    out: list[Inline] = []
    for node in nodes:
        if isinstance(node, Text) and out and isinstance(out[-1], Text):
            out[-1] = Text(out[-1].text + node.text)
        else:
            out.append(node)
    return [Text(re.sub(r"  +", " ", n.text)) if isinstance(n, Text) else n for n in out]


def tex_inlines(tex: str) -> tuple[Inline, ...] | None:
    """The formula as inline nodes, or ``None`` when it uses TeX outside the subset."""
    source = tex.strip()
    if not source or len(source) > _MAX_LEN or "\\begin" in source or "\\\\" in source:
        return None
    try:
        parser = _Parser(source)
        nodes = parser.sequence()
        if parser.pos != len(source):
            return None
    except (_Unsupported, RecursionError):
        return None
    merged = _merged(nodes)
    return tuple(merged) if merged else None
