"""The template-handler interface shared by the parser and every template family.

A *handler* turns one template call into model nodes::

    @registry.register("nowrap")
    def nowrap(call: TemplateCall, ctx: Context) -> Nodes:
        return (Span("nowrap", ctx.inlines(call.arg(1))),)

Handlers receive a :class:`TemplateCall` (normalised name and the raw parameter values,
still as mwparserfromhell ``Wikicode``) and a :class:`Context` implemented by the parser,
which converts parameter values into model nodes and collects article-level data
(references, infobox, hatnotes, navboxes...).  ``Wikicode`` never leaves
``viewer.article`` (the parser and these handlers): the model holds only dataclasses.

A handler returns a tuple of inline and/or block nodes: the parser puts inline nodes into
the current paragraph and lets a block node break the paragraph.  ``Hatnote`` blocks that
come before any article text are moved by the parser into ``Article.hatnotes``.
Returning ``()`` means "renders as nothing" (e.g. a maintenance tag); it is *not* the
same as being unknown.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Protocol, TypeAlias

import mwparserfromhell
from mwparserfromhell.nodes import Text as MwText
from mwparserfromhell.wikicode import Wikicode

from viewer.article.model import Block, Citation, Infobox, Inline, Media, RefMarker

Node: TypeAlias = Inline | Block
Nodes: TypeAlias = tuple[Node, ...]
Value: TypeAlias = Wikicode | str

# Names whose ``{{NAME:arg}}`` form is a magic word / parser function call rather than a
# template in a namespace.  ``#`` functions are recognised by their leading ``#``.
_COLON_FUNCTIONS = frozenset(
    {
        "lc", "uc", "lcfirst", "ucfirst", "displaytitle", "defaultsort", "defaultsortkey",
        "defaultcategorysort", "formatnum", "urlencode", "anchorencode", "fullurl",
        "localurl", "canonicalurl", "filepath", "ns", "nse", "padleft", "padright",
        "plural", "grammar", "gender", "int", "msg", "msgnw", "subst", "safesubst", "raw",
        "pagename", "fullpagename", "basepagename", "subpagename", "talkpagename",
        "pagenamee", "fullpagenamee", "tag",
    }
)
_WS = re.compile(r"[\s_]+")
_COMMENT = re.compile(r"<!--.*?(?:-->|$)", re.S)


def normalise_name(raw: str) -> str:
    """Normalise a template name: ``"Template:Cite_journal "`` -> ``"cite journal"``.

    Comments are dropped, underscores and runs of whitespace become one space, the
    ``Template:`` prefix goes, and the result is lower-cased (MediaWiki only folds the
    first letter, but no two real templates differ by case alone).
    """
    name = _COMMENT.sub("", raw)
    name = _WS.sub(" ", name).strip()
    lower = name.lower()
    for prefix in ("template:", "tl:", "msg:"):
        if lower.startswith(prefix):
            lower = lower[len(prefix):].strip()
            break
    return lower


def source_text(value: Wikicode | str) -> str:
    """``str(value)``, quick for the usual value made of one text node (``str`` on
    ``Wikicode`` joins ``str`` of every node)."""
    if isinstance(value, str):
        return value
    nodes = value.nodes
    if len(nodes) == 1 and type(nodes[0]) is MwText:
        return nodes[0].value
    return str(value)


_NEEDS_PARSE = re.compile(r"[\[\]{}<>&]|''")


def value_text(ctx: Context, value: Value | None) -> str:
    """Plain text of a parameter value, whitespace collapsed; a value with no markup
    skips the parser round trip."""
    if value is None:
        return ""
    source = source_text(value)
    if not _NEEDS_PARSE.search(source):
        return " ".join(source.split())
    return " ".join(ctx.text(value).split())


def _name_text(code: Wikicode) -> str:
    """``str(code).strip()`` for a parameter name, without walking the usual one text
    node through ``Wikicode.__str__`` (this runs for every parameter of every call)."""
    nodes = code.nodes
    if len(nodes) == 1 and type(nodes[0]) is MwText:
        return nodes[0].value.strip()
    return str(code).strip()


@dataclass(frozen=True, slots=True)
class TemplateCall:
    """One template call, as handlers see it.

    Attributes:
        name: the normalised name (``cite journal``; for a parser function or magic
            word such as ``{{#if: x | a}}`` or ``{{lc:ABC}}``: ``#if`` / ``lc``).
        raw_name: the name as written (stripped of comments and whitespace).
        params: ``(name, value)`` pairs in source order; positional parameters are
            named ``"1"``, ``"2"``... as MediaWiki numbers them; names are stripped,
            values are raw ``Wikicode``.
        head: for parser functions and colon magic words, the text after the colon
            (``x`` in ``{{#if: x | a}}``); ``None`` otherwise.
        keyed: parallel to ``params``: True where the parameter was written as
            ``name=value`` (``#switch`` cases such as ``2010 = x`` need to tell them
            from positional values); empty when unknown.
    """

    name: str
    raw_name: str
    params: tuple[tuple[str, Wikicode], ...]
    head: Wikicode | None = None
    keyed: tuple[bool, ...] = ()

    @classmethod
    def from_template(cls, template: mwparserfromhell.nodes.Template) -> TemplateCall:
        """Build a call from a mwparserfromhell template node."""
        raw = _COMMENT.sub("", str(template.name)).strip()
        head: Wikicode | None = None
        name = normalise_name(raw)
        if ":" in raw:
            before, _, after = raw.partition(":")
            key = normalise_name(before)
            if key.startswith("#") or key in _COLON_FUNCTIONS:
                name = key
                head = mwparserfromhell.parse(after)
        params = tuple((_name_text(p.name), p.value) for p in template.params)
        keyed = tuple(bool(p.showkey) for p in template.params)
        return cls(name=name, raw_name=raw, params=params, head=head, keyed=keyed)

    def get(self, *names: str) -> Wikicode | None:
        """The value of the first of ``names`` that is present and not blank.

        MediaWiki uses the *last* occurrence of a repeated parameter; so do we.
        """
        for wanted in names:
            found: Wikicode | None = None
            for key, value in self.params:
                if key == wanted:
                    found = value
            if found is not None and str(found).strip():
                return found
        return None

    def arg(self, position: int) -> Wikicode | None:
        """Positional argument ``position`` (1-based), or ``None`` when absent."""
        return self.get(str(position))

    def positional(self) -> tuple[Wikicode, ...]:
        """All positional arguments in order (``1``, ``2``, ... up to the first gap)."""
        out: list[Wikicode] = []
        index = 1
        while True:
            found = None
            for key, value in self.params:
                if key == str(index):
                    found = value
            if found is None:
                return tuple(out)
            out.append(found)
            index += 1

    def raw(self, *names: str, default: str = "") -> str:
        """The first present, non-blank value among ``names`` as stripped *source* text
        (comments removed).  Use ``Context.text`` for rendered plain text."""
        value = self.get(*names)
        if value is None:
            return default
        return _COMMENT.sub("", str(value)).strip()

    def names(self) -> tuple[str, ...]:
        """Parameter names in source order (duplicates kept)."""
        return tuple(key for key, _ in self.params)


class Context(Protocol):
    """What the parser offers to template handlers.

    Attributes:
        title: the title of the article being parsed (for ``{{PAGENAME}}``).
    """

    title: str

    def inlines(self, value: Value | None) -> tuple[Inline, ...]:
        """Parse ``value`` as inline wikitext (links, styles, refs, nested templates)
        into inline nodes; block structure is flattened.  ``None`` gives ``()``."""
        ...

    def blocks(self, value: Value | None) -> tuple[Block, ...]:
        """Parse ``value`` as block wikitext (paragraphs, lists, tables...)."""
        ...

    def text(self, value: Value | None) -> str:
        """Plain text of ``value`` as a reader sees it (templates expanded, markup
        dropped, whitespace collapsed and stripped)."""
        ...

    def add_ref(self, content: Value | None, *, name: str = "", group: str = "") -> RefMarker:
        """Register a reference use exactly as ``<ref name=.. group=..>content</ref>``
        would (``content`` ``None`` for a reuse ``<ref name=x/>``) and return its marker."""
        ...

    def define_refs(self, value: Value) -> None:
        """Register list-defined references (the ``refs=`` of ``{{reflist}}``): named
        ``<ref>`` definitions that create no marker."""
        ...

    def set_infobox(self, infobox: Infobox) -> None:
        """Offer the article's infobox (the first one wins; later ones stay in-body)."""
        ...

    def add_media(self, media: Media) -> None:
        """Record a media item (e.g. an infobox image) in ``Article.media``."""
        ...

    def add_citation(self, citation: Citation) -> None:
        """Offer the structured citation a citation template produced.  Inside a
        ``<ref>`` it becomes that reference's ``citation`` (the first one wins); outside
        any reference (e.g. a "Further reading" list) it joins ``Article.bibliography``."""
        ...

    def add_navbox(self, name: str) -> None:
        """Record a navigation box / sidebar kept out of the body."""
        ...

    def add_category(self, name: str) -> None:
        """Add a category (without the ``Category:`` prefix)."""
        ...

    def set_short_description(self, text: str) -> None:
        """Record the ``{{short description}}`` text."""
        ...

    def unknown(self, call: TemplateCall) -> Nodes:
        """Record ``call`` as an unknown template and return its fallback rendering (the
        sensible inline text, if any).  Handlers use it for calls they cannot handle."""
        ...


Handler: TypeAlias = Callable[[TemplateCall, Context], Nodes]


class TemplateRegistry:
    """Handlers keyed by normalised template name, plus prefix rules.

    ``register("cite journal", "cite_journal")`` registers exact names (normalised on the
    way in); ``register_prefix("infobox ")`` matches every name starting with the prefix.
    Exact names win over prefixes; the longest prefix wins among prefixes.
    """

    def __init__(self) -> None:
        self._exact: dict[str, Handler] = {}
        self._prefixes: list[tuple[str, Handler]] = []
        self._suffixes: list[tuple[str, Handler]] = []

    def register(self, *names: str) -> Callable[[Handler], Handler]:
        """Decorator registering a handler under ``names``."""

        def deco(fn: Handler) -> Handler:
            for n in names:
                self._exact[normalise_name(n)] = fn
            return fn

        return deco

    def register_prefix(self, *prefixes: str) -> Callable[[Handler], Handler]:
        """Decorator registering a handler for every name starting with a prefix."""

        def deco(fn: Handler) -> Handler:
            for p in prefixes:
                self._prefixes.append((p.lower(), fn))
            self._prefixes.sort(key=lambda item: -len(item[0]))
            return fn

        return deco

    def register_suffix(self, *suffixes: str) -> Callable[[Handler], Handler]:
        """Decorator registering a handler for every name ending with a suffix (navbox
        families such as ``"... navbox"`` / ``"... sidebar"``).  Checked after prefixes."""

        def deco(fn: Handler) -> Handler:
            for s in suffixes:
                self._suffixes.append((s.lower(), fn))
            self._suffixes.sort(key=lambda item: -len(item[0]))
            return fn

        return deco

    def add(self, names: Iterable[str], handler: Handler) -> None:
        """Register ``handler`` under ``names`` (non-decorator form)."""
        for n in names:
            self._exact[normalise_name(n)] = handler

    def lookup(self, name: str) -> Handler | None:
        """The handler for normalised ``name``, or ``None``."""
        found = self._exact.get(name)
        if found is not None:
            return found
        for prefix, handler in self._prefixes:
            if name.startswith(prefix):
                return handler
        for suffix, handler in self._suffixes:
            if name.endswith(suffix):
                return handler
        return None

    def __contains__(self, name: str) -> bool:
        return self.lookup(name) is not None
