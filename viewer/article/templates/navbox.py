"""Navigation boxes, sidebars, sister-project boxes and page bookkeeping templates.

None of these belongs in the reading text of an offline article:

* navboxes, sidebars, portal boxes, authority control, taxonbars and sister-project
  boxes are recorded with ``ctx.add_navbox`` (``Article.navboxes``) and render nothing;
* page bookkeeping (``DEFAULTSORT``, ``DISPLAYTITLE``, ``use dmy dates``, protection and
  quality badges, stub notices) and maintenance/cleanup banners render nothing either;
  ``{{short description}}`` goes to ``Article.short_description``;
* inline maintenance tags (``{{clarify}}``, ``{{when}}``, ``{{who}}``...) render as a
  small bracketed note like "[clarification needed]".

All of them are *handled*: returning ``()`` is not the same as being unknown.

Only known families are recognised: a navbox with an arbitrary name
(``{{Immunosuppressants}}``) stays an unknown template; the parser does not guess.
"""

from __future__ import annotations

from viewer.article.model import Span, Style, Text
from viewer.article.templates.base import (
    Context,
    Handler,
    Nodes,
    TemplateCall,
    TemplateRegistry,
)

__all__ = ["register"]

_SISTER_PROJECTS = (
    "commons", "commons category", "commonscat", "commons cat", "commons category multi",
    "commons and category", "wikispecies", "wiktionary", "wikiquote", "wikisource",
    "wikibooks", "wikinews", "wikiversity", "wikivoyage", "wikidata property",
    "sister project links", "sister project", "sisterlinks", "spoken wikipedia",
    "wikisource author", "subject bar", "library resources box", "external media",
)

_BOXES = (
    "authority control", "taxonbar", "portal", "portal bar", "portals", "portal box",
    "sidebar", "navboxes", "navbox", "campaignbox", "succession box", "s-start",
    "s-end", "s-bef", "s-aft", "s-ttl", "s-off", "s-gov", "s-hou",
)

_PAGE_BOOKKEEPING = (
    "defaultsort", "defaultsortkey", "defaultcategorysort", "displaytitle",
    "engvar", "engvarb", "engvara", "good article", "featured article", "featured list",
    "pp", "pp-protected", "italic title", "lowercase title", "lowercase",
    "italic title prefixed", "toc limit", "toc right", "toc left", "compact toc",
    "notoc", "featured portal", "wikipedia ads", "bots", "nobots",
    "redirect category shell", "r from move",
    "authority control (arts)", "coord missing", "improve categories", "uncategorized",
    "stub", "dynamic list", "incomplete list", "expand list", "sections", "underlinked",
)

_MAINTENANCE = (
    "cleanup", "cleanup rewrite", "cleanup reorganize", "cleanup bare urls",
    "more citations needed", "more citations needed section", "refimprove",
    "refimprove section", "unreferenced", "unreferenced section", "multiple issues",
    "update", "update section", "outdated", "expand", "expand section", "primary sources",
    "one source", "orphan", "dead link", "deadlink", "dead link inline", "citation style",
    "technical", "too technical", "copy edit", "copyedit", "pov", "npov", "pov section",
    "tone", "advert", "notability", "original research", "original research section",
    "no footnotes", "more footnotes", "more footnotes needed", "lead too short",
    "lead too long", "lead missing", "too long", "very long", "context", "confusing",
    "essay-like", "globalize", "globalize/us", "peacock", "weasel", "fansite",
    "in-universe", "overcoverage", "prose", "proseline", "self-published", "disputed",
    "disputed section", "medical citations needed", "medref", "more medical citations needed",
    "unbalanced", "overly detailed", "trivia", "howto", "how-to", "merge", "merge to",
    "merge from", "merge section", "split", "split section", "split from",
    "copy to wiktionary", "move to wiktionary", "article for deletion", "afd", "prod",
    "proposed deletion", "under construction", "in use", "inuse", "current",
    "current event", "recentism", "cleanup-reorganize", "cleanup-rewrite",
    "citations missing", "citation needed section", "unsourced", "bare urls",
    "external links", "excessive citations", "cite check", "better source",
    "missing information", "hoax", "all plot", "plot", "review", "news release",
    "buzzword", "jargon", "manual", "cleanup-jargon", "cleanup translation",
    "rough translation", "not english", "third-party", "third-party sources",
    "unreliable sources", "self-published sources", "autobiography", "coi",
    "connected contributor", "paid contribution", "undisclosed paid", "fact or fiction",
    "update after", "out of date", "external links cleanup", "citation overkill",
    "pov-check", "contradict", "contradicts other", "notability section",
    "speculation", "use list-defined references",
    "dead end", "blp sources", "blp primary sources", "blp unsourced",
    "blp unsourced section", "blp sources section", "close paraphrasing", "wikify",
    "undue weight", "undue", "undue weight section", "factual accuracy", "no plot",
    "page numbers needed", "linkrot", "link rot", "cleanup-link rot", "too many links",
    "overlinked", "no references", "ref improve", "third party", "sources exist",
    "refimprove science", "more citations needed science", "improve references",
    "lacking overview", "repetition", "cleanup-laundry", "laundry", "inappropriate person",
    "cleanup bare urls", "example farm", "external links section", "very long section",
)

# Inline maintenance tags and the note each shows.
_INLINE_NOTES = {
    "clarify": "clarification needed",
    "clarify span": "clarification needed",
    "clarification needed": "clarification needed",
    "vague": "vague",
    "when": "when?",
    "which": "which?",
    "who": "who?",
    "whom": "whom?",
    "whom?": "whom?",
    "by whom": "by whom?",
    "according to whom": "according to whom?",
    "where": "where?",
    "why": "why?",
    "how": "how?",
    "dubious": "dubious \u2013 discuss",
    "specify": "specify",
    "page needed": "page needed",
    "pages needed": "page needed",
    "verification needed": "verification needed",
    "verify source": "verification needed",
    "failed verification": "failed verification",
    "better source needed": "better source needed",
    "better source": "better source needed",
    "year needed": "year needed",
    "full citation needed": "full citation needed",
    "full citation": "full citation needed",
    "definition needed": "definition needed",
    "examples needed": "examples needed",
    "example needed": "example needed",
    "quantify": "quantify",
    "nonspecific": "non-specific",
    "unreliable source?": "unreliable source?",
    "unreliable source": "unreliable source?",
    "self-published inline": "self-published source?",
    "original research inline": "original research?",
    "or": "original research?",
    "peacock term": "peacock term",
    "weasel inline": "weasel words",
    "by how much": "by how much?",
    "data missing": "data missing",
    "update inline": "needs update",
    "needs update": "needs update",
    "irrelevant citation": "irrelevant citation",
    "medical citation needed": "medical citation needed",
    "pronunciation needed": "pronunciation?",
    "dead link?": "dead link?",
    "elucidate": "further explanation needed",
    "explain": "further explanation needed",
    "further explanation needed": "further explanation needed",
    "examples": "examples needed",
    "definition": "definition needed",
    "date missing": "date missing",
    "date needed": "date missing",
}


def nothing(call: TemplateCall, ctx: Context) -> Nodes:
    """Bookkeeping and maintenance templates: handled, rendering nothing."""
    return ()


def navbox(call: TemplateCall, ctx: Context) -> Nodes:
    """A navigation box, sidebar or sister-project box: recorded, not shown.  A generic
    ``{{navbox|name=...|title=...}}`` is recorded under its own name or title."""
    name = call.raw_name.strip()
    if call.name in ("navbox", "sidebar") or call.name.startswith(("navbox ", "sidebar ")):
        label = call.raw("name") or call.raw("title")
        if label and "{" not in label and "[" not in label:
            name = label
    if call.name in ("portal", "portals", "portal bar", "portal box"):
        portals = [ctx.text(v) for v in call.positional()]
        portals = [p for p in portals if p]
        if portals:
            name = f"Portal: {', '.join(portals)}"
    ctx.add_navbox(name)
    return ()


def portal_inline(call: TemplateCall, ctx: Context) -> Nodes:
    """``{{portal-inline|Medicine}}``: "Portal: Medicine" in the text (portals are not
    part of an offline library, so no link)."""
    name = ctx.text(call.arg(1))
    if not name:
        return ()
    label = ctx.text(call.get("text")) if call.get("text") is not None else f"Portal: {name}"
    return (Text(label),)


def short_description(call: TemplateCall, ctx: Context) -> Nodes:
    """``{{short description|...}}``: recorded in ``Article.short_description``
    (``none`` means "deliberately none")."""
    text = ctx.text(call.arg(1))
    if text and text.lower() != "none":
        ctx.set_short_description(text)
    return ()


def _inline_note(note: str) -> Handler:
    def inline_note(call: TemplateCall, ctx: Context) -> Nodes:
        title = ctx.text(call.get("reason")) if call.get("reason") is not None else ""
        marker = Style("sup", (Span("citation-needed", (Text(f"[{note}]"),), title=title),))
        # {{clarify span|text}} and friends wrap the questioned text: keep it.
        text = call.get("text", "1") if call.name.endswith(" span") else None
        if text is None:
            return (marker,)
        return (Span("citation-needed-span", ctx.inlines(text)), marker)

    inline_note.__doc__ = f"An inline maintenance tag shown as \"[{note}]\"."
    return inline_note


def register(registry: TemplateRegistry) -> None:
    """Register navboxes, sidebars, bookkeeping and maintenance templates."""
    registry.add(_SISTER_PROJECTS, navbox)
    registry.add(_BOXES, navbox)
    # "Politics of <country>" templates are all sidebars on Wikipedia (one per country).
    registry.register_prefix("navbox", "sidebar ", "campaignbox ", "portal bar",
                             "politics of ")(navbox)
    registry.register_suffix(" navbox", " sidebar", " navigation box", " sidebar2")(navbox)
    registry.add(("portal-inline", "portal inline"), portal_inline)
    registry.add(("short description", "short desc"), short_description)
    registry.add(_PAGE_BOOKKEEPING, nothing)
    registry.add(_MAINTENANCE, nothing)
    registry.register_prefix("pp-", "use ", "cleanup ", "cleanup-", "expand ",
                             "refimprove ", "more citations needed ", "unreferenced ",
                             "engvar", "good article", "featured ")(nothing)
    registry.register_suffix("-stub", " stub")(nothing)
    for name, note in _INLINE_NOTES.items():
        registry.add((name,), _inline_note(note))
