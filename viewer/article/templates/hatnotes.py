"""Hatnotes: the short notes above an article or section that point readers elsewhere.

Each handler returns one :class:`~viewer.article.model.Hatnote` block worded as
MediaWiki's hatnote modules word it ("This article is about X. For other uses, see Y.",
"Main articles: A, B, and C", "Not to be confused with A or B.") with real ``Link``
nodes to every target; ``Title#Section`` targets read "Title § Section" and ``lN=``
labels replace a target's text.  Hatnotes before the article text are moved by the
parser into ``Article.hatnotes``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from viewer.article.model import Hatnote, Inline, Link, Text
from viewer.article.templates.base import (
    Context,
    Handler,
    Nodes,
    TemplateCall,
    TemplateRegistry,
    value_text,
)

__all__ = ["page_link", "register"]

_NEEDS_PARSE = re.compile(r"[\[\]{}<>&]|''")
_WS = re.compile(r"[\s_]+")


def _title_case(title: str) -> str:
    """MediaWiki page-title normalisation: underscores as spaces, first letter upper."""
    title = _WS.sub(" ", title).strip()
    return title[:1].upper() + title[1:]


def page_link(target: str, label: str = "") -> Link:
    """A link to ``target`` (``Title``, ``Title#Section`` or ``#Section``) showing
    ``label`` or, by default, ``Title § Section`` as the hatnote modules do."""
    target = target.strip().strip("[]").lstrip(":")
    if "|" in target:  # {{main|Foo{{!}}bar}} style piping
        target, _, piped = target.partition("|")
        label = label or piped.strip()
    page, _, section = target.partition("#")
    page = _title_case(page)
    section = section.strip()
    shown_section = _WS.sub(" ", section)
    namespace = ""
    if ":" in page:
        prefix, _, rest = page.partition(":")
        if prefix.strip().lower() in ("category", "file", "image", "portal", "wikipedia",
                                      "help", "template", "wp"):
            namespace = prefix.strip().title()
            page = f"{namespace}:{_title_case(rest)}"
    if not label:
        if page and section:
            label = f"{page} \u00a7\u00a0{shown_section}"
        elif section:
            label = f"\u00a7\u00a0{shown_section}"
        else:
            label = page
    fragment = _WS.sub("_", section)
    return Link(page, fragment, (Text(label),), namespace)


def _and_list(items: Sequence[Sequence[Inline]], conjunction: str = "and") -> list[Inline]:
    """``A``, ``A and B``, ``A, B, and C`` (serial comma, as Module:Hatnote list)."""
    out: list[Inline] = []
    count = len(items)
    for index, item in enumerate(items):
        if index:
            if index == count - 1:
                out.append(Text(f", {conjunction} " if count > 2 else f" {conjunction} "))
            else:
                out.append(Text(", "))
        out.extend(item)
    return out


def _labelled_pages(ctx: Context, call: TemplateCall, first: int = 1) -> list[Link]:
    """Positional targets from ``first`` on, each with its ``lN``/``labelN``/``label N``."""
    links: list[Link] = []
    for index, value in enumerate(call.positional(), start=1):
        if index < first:
            continue
        target = value_text(ctx, value)
        if not target:
            continue
        n = index - first + 1
        label = value_text(ctx, call.get(f"l{n}", f"label{n}", f"label {n}"))
        links.append(page_link(target, label))
    return links


def _positional(ctx: Context, call: TemplateCall) -> dict[int, str]:
    """Non-blank positional parameters as plain text keyed by position (gaps kept)."""
    out: dict[int, str] = {}
    for key, value in call.params:
        if key.isdigit():
            text = value_text(ctx, value)
            if text:
                out[int(key)] = text
            else:
                out.pop(int(key), None)
    return out


def _for_see(args: dict[int, str], start: int, title: str) -> list[Inline]:
    """The "For X, see Y." sentences built from ``args`` from position ``start`` on,
    as Module:Hatnote list's for-see table does: pairs of (use, page), extra pages
    joined with ``and`` arguments; a blank use ends the list and reads "other uses";
    a missing page is "TITLE (disambiguation)"."""
    out: list[Inline] = []
    high = max(args, default=0)
    i = start
    while True:
        use = args.get(i, "")
        pages = [args[i + 1]] if i + 1 in args else []
        while args.get(i + 2) == "and":
            if i + 3 in args:
                pages.append(args[i + 3])
            i += 2
        i += 2
        links: list[Sequence[Inline]] = [(page_link(p),) for p in pages]
        if not links:
            links = [(page_link(f"{title} (disambiguation)"),)]
        if out:
            out.append(Text(" "))
        out.append(Text(f"For {use or 'other uses'}, see "))
        out.extend(_and_list(links))
        out.append(Text("."))
        if not use or i > high:
            return out


def _hatnote(kind: str, nodes: Sequence[Inline]) -> Nodes:
    return (Hatnote(kind, tuple(nodes)),) if nodes else ()


def _labelled(singular: str, plural: str, kind: str) -> Handler:
    def labelled(call: TemplateCall, ctx: Context) -> Nodes:
        links = _labelled_pages(ctx, call)
        if not links:
            return ()
        label = singular if len(links) == 1 else plural
        topic = value_text(ctx, call.get("topic"))
        if topic:
            label += f" on {topic}"
        return _hatnote(kind, [Text(f"{label}: "), *_and_list([(lk,) for lk in links])])

    labelled.__doc__ = f"``{{{{{kind}}}}}``: \"{singular}: A\" / \"{plural}: A, B, and C\"."
    return labelled


def about(call: TemplateCall, ctx: Context) -> Nodes:
    """``{{about|USE|USE2|PAGE2|...}}``: "This article is about USE. For USE2, see PAGE2."."""
    args = _positional(ctx, call)
    out: list[Inline] = []
    if 1 in args:
        what = "section" if call.get("section") is not None else "article"
        out.append(Text(f"This {what} is about {args[1]}. "))
    out.extend(_for_see(args, 2, ctx.title))
    text = value_text(ctx, call.get("text"))
    if text:
        out.append(Text(" " + text))
    return _hatnote("about", out)


def for_(call: TemplateCall, ctx: Context) -> Nodes:
    """``{{for|USE|PAGE1|PAGE2}}``: "For USE, see PAGE1 and PAGE2."."""
    args = _positional(ctx, call)
    use = args.get(1, "other uses")
    pages = [args[k] for k in sorted(args) if k >= 2]
    links = [(page_link(p),) for p in pages] or [(page_link(f"{ctx.title} (disambiguation)"),)]
    return _hatnote("for", [Text(f"For {use}, see "), *_and_list(links), Text(".")])


def for2(call: TemplateCall, ctx: Context) -> Nodes:
    """``{{for2|USE|free text}}``: "For USE, see free text."."""
    use = value_text(ctx, call.arg(1)) or "other uses"
    what = ctx.inlines(call.arg(2))
    if not what:
        return ()
    return _hatnote("for", [Text(f"For {use}, see "), *what, Text(".")])


def other_uses(call: TemplateCall, ctx: Context) -> Nodes:
    """``{{other uses|PAGE}}``: "For other uses, see PAGE." (default: the
    disambiguation page)."""
    args = _positional(ctx, call)
    pages = [args[k] for k in sorted(args)]
    links = [(page_link(p),) for p in pages] or [(page_link(f"{ctx.title} (disambiguation)"),)]
    return _hatnote("other uses", [Text("For other uses, see "), *_and_list(links), Text(".")])


def other_uses_of(call: TemplateCall, ctx: Context) -> Nodes:
    """``{{other uses of|TOPIC|PAGE}}``: "For other uses of “TOPIC”, see PAGE."."""
    args = _positional(ctx, call)
    topic = args.get(1, ctx.title)
    page = args.get(2) or f"{topic} (disambiguation)"
    return _hatnote("other uses", [Text(f"For other uses of \u201c{topic}\u201d, see "),
                                   page_link(page), Text(".")])


def other_people(call: TemplateCall, ctx: Context) -> Nodes:
    """``{{other people|NAME|PAGE}}``: "For other people named NAME, see PAGE."."""
    args = _positional(ctx, call)
    name = args.get(1, "")
    page = args.get(2) or f"{name or ctx.title} (disambiguation)"
    who = f"named {name}" if name else "with the same name"
    return _hatnote("other people",
                    [Text(f"For other people {who}, see "), page_link(page), Text(".")])


def other_places(call: TemplateCall, ctx: Context) -> Nodes:
    """``{{other places|PAGE}}``: "For other places with the same name, see PAGE."."""
    args = _positional(ctx, call)
    page = args.get(1) or f"{ctx.title} (disambiguation)"
    return _hatnote("other places", [Text("For other places with the same name, see "),
                                     page_link(page), Text(".")])


def for_multi(call: TemplateCall, ctx: Context) -> Nodes:
    """``{{for multi|USE1|PAGE1|USE2|PAGE2}}``: "For USE1, see PAGE1. For USE2, see
    PAGE2." (pairs, as in ``{{about}}`` after its first argument)."""
    args = _positional(ctx, call)
    if not args:
        return ()
    return _hatnote("for", _for_see(args, 1, ctx.title))


def _same_name(what: str) -> Handler:
    def handler(call: TemplateCall, ctx: Context) -> Nodes:
        args = _positional(ctx, call)
        pages = [args[k] for k in sorted(args)] or [f"{ctx.title} (disambiguation)"]
        return _hatnote("other uses", [Text(f"For other {what} with the same name, see "),
                                       *_and_list([(page_link(p),) for p in pages]),
                                       Text(".")])

    handler.__doc__ = (f"``{{{{other ...|PAGE}}}}``: \"For other {what} with the same name, "
                       "see PAGE.\".")
    return handler


def hatnote_group(call: TemplateCall, ctx: Context) -> Nodes:
    """``{{hatnote group|{{for|...}}{{redirect|...}}}}``: the hatnotes inside, each kept
    (the group only joins them into one box on Wikipedia)."""
    return tuple(ctx.blocks(call.arg(1)))


def _quoted_and(names: Sequence[str]) -> list[Inline]:
    return _and_list([(Text(f"\u201c{n}\u201d"),) for n in names])


def redirect(call: TemplateCall, ctx: Context) -> Nodes:
    """``{{redirect|R|USE|PAGE}}``: "“R” redirects here. For USE, see PAGE."."""
    args = _positional(ctx, call)
    if 1 not in args:
        return ()
    out: list[Inline] = [Text(f"\u201c{args[1]}\u201d redirects here. ")]
    rest = {k - 1: v for k, v in args.items() if k >= 2}
    out.extend(_for_see(rest, 1, args[1]))
    return _hatnote("redirect", out)


def redirect_multi(count: int | None) -> Handler:
    """``{{redirect2|R1|R2|USE|PAGE}}`` (``count`` redirects) and ``{{redirect-multi|N|
    R1|...}}`` (count given first)."""

    def handler(call: TemplateCall, ctx: Context) -> Nodes:
        args = _positional(ctx, call)
        shift = 0
        n = count
        if n is None:
            try:
                n = max(1, int(args.get(1, "1")))
            except ValueError:
                n = 1
            shift = 1
        names = [args[k] for k in range(1 + shift, 1 + shift + n) if k in args]
        if not names:
            return ()
        verb = "redirects" if len(names) == 1 else "redirect"
        out: list[Inline] = [*_quoted_and(names), Text(f" {verb} here. ")]
        rest = {k - n - shift: v for k, v in args.items() if k > n + shift}
        out.extend(_for_see(rest, 1, names[0]))
        return _hatnote("redirect", out)

    return handler


def distinguish(call: TemplateCall, ctx: Context) -> Nodes:
    """``{{distinguish|A|B}}``: "Not to be confused with A or B."."""
    text = call.get("text")
    if text is not None:
        body = list(ctx.inlines(text))
    else:
        links = _labelled_pages(ctx, call)
        if not links:
            return ()
        body = _and_list([(lk,) for lk in links], "or")
    return _hatnote("distinguish", [Text("Not to be confused with "), *body, Text(".")])


def about_distinguish(call: TemplateCall, ctx: Context) -> Nodes:
    """``{{about-distinguish|USE|PAGE}}``: "This article is about USE. Not to be confused
    with PAGE."."""
    args = _positional(ctx, call)
    pages = [args[k] for k in sorted(args) if k >= 2]
    if 1 not in args or not pages:
        return ()
    return _hatnote("about", [Text(f"This article is about {args[1]}. Not to be confused with "),
                              *_and_list([(page_link(p),) for p in pages], "or"), Text(".")])


def redirect_distinguish(call: TemplateCall, ctx: Context) -> Nodes:
    """``{{redirect-distinguish|R|PAGE}}``: "“R” redirects here. Not to be confused with
    PAGE."."""
    args = _positional(ctx, call)
    pages = [args[k] for k in sorted(args) if k >= 2]
    if 1 not in args:
        return ()
    out: list[Inline] = [Text(f"\u201c{args[1]}\u201d redirects here.")]
    if pages:
        out.append(Text(" Not to be confused with "))
        out.extend(_and_list([(page_link(p),) for p in pages], "or"))
        out.append(Text("."))
    return _hatnote("redirect", out)


def details(call: TemplateCall, ctx: Context) -> Nodes:
    """``{{details|PAGE|TOPIC}}``: "For more details on TOPIC, see PAGE."."""
    page = value_text(ctx, call.arg(1))
    if not page:
        return ()
    topic = value_text(ctx, call.arg(2)) or "this topic"
    label = value_text(ctx, call.get("l1", "label1"))
    return _hatnote("details", [Text(f"For more details on {topic}, see "),
                                page_link(page, label), Text(".")])


def broader(call: TemplateCall, ctx: Context) -> Nodes:
    """``{{broader|PAGE}}``: "For broader coverage of this topic, see PAGE."."""
    links = _labelled_pages(ctx, call)
    if not links:
        return ()
    return _hatnote("broader", [Text("For broader coverage of this topic, see "),
                                *_and_list([(lk,) for lk in links]), Text(".")])


def main_list(call: TemplateCall, ctx: Context) -> Nodes:
    """``{{main list|PAGE}}``: "For a more comprehensive list, see PAGE."."""
    links = _labelled_pages(ctx, call)
    if not links:
        return ()
    return _hatnote("main list", [Text("For a more comprehensive list, see "),
                                  *_and_list([(lk,) for lk in links]), Text(".")])


def hatnote(call: TemplateCall, ctx: Context) -> Nodes:
    """``{{hatnote|free text}}`` (and ``{{self reference}}``): the text as given."""
    selfref = call.name in ("self reference", "selfref", "self-reference")
    return _hatnote("selfref" if selfref else "hatnote", ctx.inlines(call.get("1", "text")))


def register(registry: TemplateRegistry) -> None:
    """Register the hatnote family."""
    registry.add(("about", "this", "otheruses4", "about other"), about)
    registry.add(("for", "for-text"), for_)
    registry.add(("other uses of",), other_uses_of)
    registry.add(("for2",), for2)
    registry.add(("other uses", "otheruses", "other uses2", "disambig-acronym"), other_uses)
    registry.add(("other people", "otherpeople", "other persons", "other people2"),
                 other_people)
    registry.add(("other places", "otherplaces"), other_places)
    registry.add(("for multi", "for-multi"), for_multi)
    registry.add(("hatnote group", "hatnotegroup"), hatnote_group)
    registry.add(("other ships",), _same_name("ships"))
    registry.add(("other hurricanes", "other storms"), _same_name("storms"))
    registry.add(("redirect", "redirect1", "redirects here", "redirect-acronym"), redirect)
    registry.add(("redirect2",), redirect_multi(2))
    registry.add(("redirect3",), redirect_multi(3))
    registry.add(("redirect-multi",), redirect_multi(None))
    registry.add(("distinguish", "distinguish2", "not to be confused with",
                  "confused"), distinguish)
    registry.add(("about-distinguish", "about distinguish"), about_distinguish)
    registry.add(("redirect-distinguish",), redirect_distinguish)
    registry.add(("main", "main article", "main articles", "mainarticle"),
                 _labelled("Main article", "Main articles", "main"))
    registry.add(("see also", "seealso", "see also2", "also"),
                 _labelled("See also", "See also", "see also"))
    registry.add(("further", "further information", "furtherinfo", "further2",
                  "more information"),
                 _labelled("Further information", "Further information", "further"))
    registry.add(("details", "details3"), details)
    registry.add(("broader", "broader2"), broader)
    registry.add(("main list",), main_list)
    registry.add(("hatnote", "rellink", "self reference", "selfref", "self-reference"),
                 hatnote)
