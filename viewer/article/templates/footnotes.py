"""The footnote family: reference lists, explanatory notes and short citations.

* ``{{reflist}}`` / ``{{references}}`` / ``{{notelist}}`` (and the ``-ua``/``-lr``...
  variants) stand where a group's references are listed: a ``ReferenceList`` block.
  ``refs=`` holds list-defined references, handed to ``ctx.define_refs``.
* ``{{efn}}``, ``{{refn}}``, ``{{#tag:ref}}``, ``{{NoteTag}}`` are footnotes written as
  templates: they register a reference exactly as ``<ref>`` would (``ctx.add_ref``)
  and return its marker.
* ``{{sfn}}`` and friends are shortened footnotes: a footnote whose text is the short
  citation ("Smith 2005, p. 12."), named after that text so identical ones merge, and
  linked to the full citation's ``CITEREF`` anchor.  ``{{harvnb}}`` and friends return
  the same short citation inline.
* ``{{rp}}`` adds page numbers after a marker.

The ``citation needed`` family is not here: it belongs to the inline templates.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import mwparserfromhell
from mwparserfromhell.nodes import Tag, Template

from viewer.article.model import Inline, Link, Math, ReferenceList, Style, Text
from viewer.article.templates.base import (
    Context,
    Handler,
    Nodes,
    TemplateCall,
    TemplateRegistry,
    Value,
    value_text,
)
from viewer.article.templates.citation import citeref_anchor

__all__ = ["harv_names", "register", "short_citation"]

# Suffixes of the efn/notelist variants and the reference group each one uses.
_LIST_STYLES = {
    "": "lower-alpha",
    "la": "lower-alpha",
    "ua": "upper-alpha",
    "lr": "lower-roman",
    "ur": "upper-roman",
    "lg": "lower-greek",
}
_NEEDS_PARSE = re.compile(r"[\[\]{}<>&]|''")
_WS = re.compile(r"\s+")
_WIKI_SPECIAL = re.compile(r"[\[\]{}|<>]")


def _group_name(ctx: Context, call: TemplateCall, default: str) -> str:
    """The ``group=`` parameter (quotes stripped, as ``<ref group="x">`` allows)."""
    value = value_text(ctx, call.get("group"))
    return value.strip("\"' ") or default


# --------------------------------------------------------------------------- lists


def _footnote_group(call: TemplateCall) -> str | None:
    """The default group of a footnote template (``efn-ua`` -> ``upper-alpha``), or
    ``None`` when ``call`` is not one."""
    name = call.name
    if name == "efn" or name.startswith("efn-"):
        return _LIST_STYLES.get(name[4:]) if name != "efn" else "lower-alpha"
    if name == "refn":
        return ""
    if name in ("notetag", "note tag"):
        return "note"
    if name == "#tag" and call.head is not None and str(call.head).strip().lower() == "ref":
        return ""
    return None


def _list_defined(value: Value, group: str) -> str:
    """The ``refs=`` of a reference list as ``<ref>`` definitions: footnote templates
    (``{{efn|name=a|...}}``, ``{{#tag:ref|...|name=b}}``) become the ``<ref>`` tags they
    stand for, and definitions without a ``group`` get the list's group, as
    MediaWiki's ``<references group=..>`` gives them."""
    code = mwparserfromhell.parse(str(value), skip_style_tags=True)
    out: list[str] = []
    for node in code.nodes:
        if isinstance(node, Tag) and str(node.tag).strip().lower() == "ref":
            if group and not node.has("group"):
                node.add("group", group)
            out.append(str(node))
            continue
        if isinstance(node, Template):
            call = TemplateCall.from_template(node)
            default = _footnote_group(call)
            name = call.raw("name").replace('"', "")
            content = call.get("1", "text", "reference")
            if default is not None and name and content is not None:
                ref_group = call.raw("group").replace('"', "") or default or group
                out.append(f'<ref name="{name}" group="{ref_group}">{content}</ref>')
                continue
        out.append(str(node))
    return "".join(out)


def reflist(call: TemplateCall, ctx: Context) -> Nodes:
    """``{{reflist}}``, ``{{references}}``: list the group here; define ``refs=``."""
    group = _group_name(ctx, call, "")
    refs = call.get("refs")
    if refs is not None:
        ctx.define_refs(_list_defined(refs, group))
    return (ReferenceList(group),)


def _notelist(style: str) -> Handler:
    def notelist(call: TemplateCall, ctx: Context) -> Nodes:
        group = _group_name(ctx, call, style)
        refs = call.get("refs", "notes")
        if refs is not None:
            ctx.define_refs(_list_defined(refs, group))
        return (ReferenceList(group),)

    notelist.__doc__ = f"``{{{{notelist}}}}`` variant listing the ``{style}`` group."
    return notelist


def _efn(style: str) -> Handler:
    def efn(call: TemplateCall, ctx: Context) -> Nodes:
        content = call.get("1", "text", "reference")
        name = value_text(ctx, call.get("name")).strip("\"' ")
        if content is None and not name:
            return ()
        return (ctx.add_ref(content, name=name, group=_group_name(ctx, call, style)),)

    efn.__doc__ = f"``{{{{efn}}}}`` variant: an explanatory note in the ``{style}`` group."
    return efn


def refn(call: TemplateCall, ctx: Context) -> Nodes:
    """``{{refn|content|name=|group=}}``: a footnote that may itself contain ``<ref>``."""
    content = call.get("1", "text", "reference")
    name = value_text(ctx, call.get("name")).strip("\"' ")
    if content is None and not name:
        return ()
    return (ctx.add_ref(content, name=name, group=_group_name(ctx, call, "")),)


def note_tag(call: TemplateCall, ctx: Context) -> Nodes:
    """``{{NoteTag|text|name=}}``: a note in the ``note`` group."""
    content = call.get("1", "text")
    name = value_text(ctx, call.get("name")).strip("\"' ")
    if content is None and not name:
        return ()
    return (ctx.add_ref(content, name=name, group=_group_name(ctx, call, "note")),)


def note_foot(call: TemplateCall, ctx: Context) -> Nodes:
    """``{{NoteFoot}}``: the list of the ``note`` group."""
    return (ReferenceList(_group_name(ctx, call, "note")),)


def tag(call: TemplateCall, ctx: Context) -> Nodes:
    """``{{#tag:ref|content|name=|group=}}`` and the other ``#tag:`` forms."""
    kind = value_text(ctx, call.head).lower()
    content = call.get("1")
    if kind == "ref":
        name = value_text(ctx, call.get("name")).strip("\"' ")
        if content is None and not name:
            return ()
        return (ctx.add_ref(content, name=name, group=_group_name(ctx, call, "")),)
    if kind == "references":
        group = _group_name(ctx, call, "")
        if content is not None:
            ctx.define_refs(_list_defined(content, group))
        return (ReferenceList(group),)
    if kind == "math":
        source = str(content or "").strip()
        return (Math(source),) if source else ()
    if kind in ("nowiki", "pre", "code", "syntaxhighlight", "source"):
        source = str(content or "")
        return (Style("code", (Text(source),)),) if source.strip() else ()
    return ctx.inlines(content)


def refbegin(call: TemplateCall, ctx: Context) -> Nodes:
    """``{{refbegin}}`` / ``{{refend}}`` only change the font size of a list."""
    return ()


# --------------------------------------------------------------------------- short citations


def harv_names(names: Sequence[str]) -> str:
    """The author part of a short citation: ``Smith``, ``Smith & Jones``,
    ``Smith, Jones & Brown``, ``Smith et al.`` (four or more)."""
    names = [n for n in names if n]
    if not names:
        return ""
    if len(names) == 1:
        return names[0]
    if len(names) == 2:
        return f"{names[0]} & {names[1]}"
    if len(names) == 3:
        return f"{names[0]}, {names[1]} & {names[2]}"
    return f"{names[0]} et al."


def _locator(ctx: Context, call: TemplateCall, colon: bool) -> tuple[str, str]:
    """The in-source location as (wikitext source, plain text): ``, p. 12``."""
    page = call.get("p", "page")
    pages = call.get("pp", "pages")
    loc = call.get("loc", "at")
    src: list[str] = []
    txt: list[str] = []
    if page is not None or pages is not None:
        value = page if page is not None else pages
        prefix = ":" if colon else (", p. " if page is not None else ", pp. ")
        src.append(prefix + str(value).strip())
        txt.append(prefix + value_text(ctx, value))
    if loc is not None:
        src.append(", " + str(loc).strip())
        txt.append(", " + value_text(ctx, loc))
    return "".join(src), "".join(txt)


def short_citation(names: Sequence[str], year: str) -> str:
    """``"Smith & Jones 2005"``: the linked part of a short citation."""
    who = harv_names(names)
    return f"{who} {year}".strip() if year else who


def _harv_args(ctx: Context, call: TemplateCall) -> tuple[list[str], str, str]:
    """(surnames, year, anchor) from the positional parameters; the last positional is
    the year when there are two or more.  ``ref=`` overrides or (``none``) drops the
    anchor."""
    values = [value_text(ctx, v) for v in call.positional()]
    values = [v for v in values if v]
    if len(values) >= 2:
        names, year = values[:-1], values[-1]
    else:
        names, year = values, ""
    ref = value_text(ctx, call.get("ref"))
    if ref.lower() == "none":
        anchor = ""
    elif ref and ref.lower() != "harv":
        anchor = _WS.sub("_", ref)
    else:
        anchor = citeref_anchor(names, year)
    return names[:4], year, anchor


def _clean(text: str) -> str:
    """Text safe to put inside generated ``[[...|...]]`` wikitext."""
    return _WIKI_SPECIAL.sub("", text)


def _sfn(parenthetical_year: bool) -> Handler:
    def sfn(call: TemplateCall, ctx: Context) -> Nodes:
        names, year, anchor = _harv_args(ctx, call)
        if not names:
            return ()
        if parenthetical_year and year:
            label = f"{harv_names(names)} ({year})"
        else:
            label = short_citation(names, year)
        loc_src, _ = _locator(ctx, call, colon=False)
        ps = value_text(ctx, call.get("ps", "postscript"))
        if ps.lower() == "none" or (call.get("ps") is not None and not ps):
            ps = ""
        elif not ps:
            ps = "."
        head = f"[[#{anchor}|{_clean(label)}]]" if anchor else _clean(label)
        content = head + loc_src + ps
        key = "FOOTNOTE" + "".join(names) + year + loc_src
        return (ctx.add_ref(content, name=_clean(_WS.sub(" ", key))),)

    sfn.__doc__ = "``{{sfn}}`` family: a shortened footnote named by its text."
    return sfn


def sfnm(call: TemplateCall, ctx: Context) -> Nodes:
    """``{{sfnm|1a1=Smith|1y=2005|1p=12|2a1=Jones|2y=2007}}``: several short citations
    in one footnote ("Smith 2005, p. 12; Jones 2007.")."""
    pieces: list[str] = []
    keys: list[str] = []
    index = 1
    while index < 10:
        prefix = str(index)
        names = [value_text(ctx, call.get(f"{prefix}a{n}")) for n in range(1, 5)]
        names = [n for n in names if n]
        if not names:
            break
        year = value_text(ctx, call.get(f"{prefix}y"))
        label = short_citation(names, year)
        anchor = citeref_anchor(names, year)
        loc = ""
        page = call.get(f"{prefix}p")
        pages = call.get(f"{prefix}pp")
        where = call.get(f"{prefix}loc")
        if page is not None:
            loc += ", p. " + str(page).strip()
        elif pages is not None:
            loc += ", pp. " + str(pages).strip()
        if where is not None:
            loc += ", " + str(where).strip()
        pieces.append(f"[[#{anchor}|{_clean(label)}]]{loc}")
        keys.append("".join(names) + year + loc)
        index += 1
    if not pieces:
        return ()
    ps = value_text(ctx, call.get("ps", "postscript"))
    ps = "" if ps.lower() == "none" else ps or "."
    return (ctx.add_ref("; ".join(pieces) + ps, name=_clean("FOOTNOTE" + "".join(keys))),)


def _harv(style: str) -> Handler:
    """Inline short citations.  ``style``: ``harv`` "(Smith 2005, p. 1)", ``harvnb``
    "Smith 2005, p. 1", ``harvtxt`` "Smith (2005, p. 1)", plus ``col`` forms that write
    pages as "Smith 2005:1"."""

    def harv(call: TemplateCall, ctx: Context) -> Nodes:
        names, year, anchor = _harv_args(ctx, call)
        if not names:
            return ()
        colon = "col" in style
        loc_src, _ = _locator(ctx, call, colon=colon)
        loc: tuple[Inline, ...] = ()
        if loc_src:
            # The locator may hold markup ({{ndash}}): let the parser render it.
            loc = ctx.inlines(loc_src) if _NEEDS_PARSE.search(loc_src) else (Text(loc_src),)
        text_form = style.endswith("txt")
        if text_form and year:
            label = f"{harv_names(names)} ({year}"
        else:
            label = short_citation(names, year)
        target: Inline = Link("", anchor, (Text(label),)) if anchor else Text(label)
        out: list[Inline] = []
        if style in ("harv", "harvp", "harvcol"):
            out.append(Text("("))
        out.append(target)
        out.extend(loc)
        if style in ("harv", "harvp", "harvcol") or (text_form and year):
            out.append(Text(")"))
        ps = value_text(ctx, call.get("ps", "postscript"))
        if ps and ps.lower() != "none":
            out.append(Text(ps))
        return tuple(out)

    harv.__doc__ = f"``{{{{{style}}}}}``: an inline short citation."
    return harv


def harvid(call: TemplateCall, ctx: Context) -> Nodes:
    """``{{harvid|Smith|2005}}`` / ``{{sfnref}}``: the ``CITEREF`` id itself (used as a
    citation's ``ref=`` value)."""
    values = [v for v in (value_text(ctx, x) for x in call.positional()) if v]
    if not values:
        return ()
    names, year = (values[:-1], values[-1]) if len(values) >= 2 else (values, "")
    return (Text(citeref_anchor(names, year)),)


def rp(call: TemplateCall, ctx: Context) -> Nodes:
    """``{{rp|12}}``: the page(s) cited, shown after the preceding marker."""
    pages = value_text(ctx, call.get("1", "page", "pages", "p", "pp", "at", "loc"))
    if not pages:
        return ()
    return (Style("sup", (Text(": " + pages),)),)


def r(call: TemplateCall, ctx: Context) -> Nodes:
    """``{{r|name1|name2|p=12|g=group}}``: reuses of named references (``r=`` /
    ``rN=`` give a definition), each followed by its page(s) like ``{{rp}}``."""
    group = value_text(ctx, call.get("g", "group")).strip("\"' ")
    names = [value_text(ctx, v).strip("\"' ") for v in call.positional()]
    if not any(names):
        names = [value_text(ctx, call.get("n", "name", "n1", "name1")).strip("\"' ")]
    out: list[Inline] = []
    for index, name in enumerate(names, start=1):
        if not name:
            continue
        numbered = (f"r{index}", f"reference{index}")
        content = call.get(*numbered, "r", "reference") if index == 1 else call.get(*numbered)
        out.append(ctx.add_ref(content, name=name, group=group))
        keys = (f"p{index}", f"pp{index}", f"loc{index}")
        page = call.get(*keys, "p", "pp", "page", "pages", "loc", "at") if index == 1 \
            else call.get(*keys)
        pages = value_text(ctx, page)
        if pages:
            out.append(Style("sup", (Text(": " + pages),)))
    return tuple(out)


def ref_label(call: TemplateCall, ctx: Context) -> Nodes:
    """``{{ref label|id|label|...}}``: a hand-made marker "[label]"."""
    label = value_text(ctx, call.get("2")) or value_text(ctx, call.get("1"))
    return (Style("sup", (Text(f"[{label}]"),)),) if label else ()


def note_label(call: TemplateCall, ctx: Context) -> Nodes:
    """``{{note label|id|label|...}}``: the label in front of a hand-made note."""
    label = value_text(ctx, call.get("2")) or value_text(ctx, call.get("1"))
    return (Text(f"{label}. "),) if label else ()


def register(registry: TemplateRegistry) -> None:
    """Register the footnote family."""
    registry.add(("reflist", "references", "reflist-talk", "reference list", "refs",
                  "reflist talk", "footnotes list"), reflist)
    registry.add(("refbegin", "refend", "refstart", "reference begin", "reference end"),
                 refbegin)
    for suffix, style in _LIST_STYLES.items():
        tail = f"-{suffix}" if suffix else ""
        registry.add((f"notelist{tail}",), _notelist(style))
        registry.add((f"efn{tail}",), _efn(style))
    registry.add(("notelist-talk", "notes list"), _notelist("lower-alpha"))
    registry.add(("refn",), refn)
    registry.add(("notetag", "note tag"), note_tag)
    registry.add(("notefoot", "note foot"), note_foot)
    registry.add(("#tag",), tag)
    registry.add(("sfn", "sfn whole", "shortened footnote template"), _sfn(False))
    registry.add(("sfnp",), _sfn(True))
    registry.add(("sfnm",), sfnm)
    for style in ("harv", "harvp", "harvnb", "harvtxt", "harvcol", "harvcolnb",
                  "harvcoltxt"):
        registry.add((style,), _harv(style))
    registry.add(("harvard citation", ), _harv("harv"))
    registry.add(("harvard citation no brackets",), _harv("harvnb"))
    registry.add(("harvard citation text",), _harv("harvtxt"))
    registry.add(("harvid", "sfnref"), harvid)
    registry.add(("rp", "r page"), rp)
    registry.add(("r",), r)
    registry.add(("ref label",), ref_label)
    registry.add(("note label",), note_label)
