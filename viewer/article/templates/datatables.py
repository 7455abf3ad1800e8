"""Data-table templates: ``{{Historical populations}}``, ``{{Weather box}}`` and the
``{{Election box ...}}`` rows.

The first two are among the most used templates of geography articles and expand, on
Wikipedia, to plain tables; here they become :class:`~viewer.article.model.Table` blocks.
Election boxes are one template per table row (between ``begin`` and ``end``), so each row
becomes a line of text instead.  Registered by the inline family
(:func:`viewer.article.templates.inline.register`).
"""

from __future__ import annotations

import re
from typing import Literal

from viewer.article import units
from viewer.article.model import Inline, Paragraph, Style, Table, TableCell, TableRow, Text
from viewer.article.templates.base import Context, Nodes, TemplateCall, TemplateRegistry

__all__ = ["register"]

_COMMENT = re.compile(r"<!--.*?(?:-->|$)", re.S)
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")

Align = Literal["", "left", "center", "right"]


def _cell(nodes: tuple[Inline, ...], *, header: bool = False, align: Align = "",
          colspan: int = 1) -> TableCell:
    return TableCell(header, (Paragraph(nodes),) if nodes else (), colspan=colspan,
                     align=align)


def _text_cell(text: str, *, header: bool = False, align: Align = "") -> TableCell:
    return _cell((Text(text),) if text else (), header=header, align=align)


def _raw(call: TemplateCall, name: str) -> str:
    value = call.get(name)
    return _COMMENT.sub("", str(value)).strip() if value is not None else ""


# --------------------------------------------------------------------------- populations


def historical_populations(call: TemplateCall, ctx: Context) -> Nodes:
    """``{{Historical populations|1900|1,000|1910|1,250|footnote=...}}``: Year, Pop. and
    the change from the previous census (±%)."""
    args = call.positional()
    rows: list[TableRow] = [TableRow((
        _text_cell("Year", header=True), _text_cell("Pop.", header=True),
        _text_cell("±%", header=True),
    ))]
    previous: float | None = None
    for i in range(0, len(args) - 1, 2):
        year = ctx.inlines(args[i])
        population = ctx.text(args[i + 1])
        if not year and not population:
            continue
        number = units.parse_number(population)
        change = ""
        if number is not None and previous:
            change = f"{(number - previous) / previous * 100:+.1f}%".replace("-", "−")
        if number is not None:
            previous = number
        rows.append(TableRow((
            _cell(year), _text_cell(units.format_input(population), align="right"),
            _text_cell(change, align="right"),
        )))
    if len(rows) == 1:
        return ()
    out: list[Table | Paragraph] = [
        Table(tuple(rows), ctx.inlines(call.get("title")), "historical-populations")
    ]
    footnote = call.get("footnote", "source")
    if footnote is not None:
        notes = ctx.inlines(footnote)
        if notes:
            out.append(Paragraph(notes))
    return tuple(out)


# --------------------------------------------------------------------------- weather box

# Row key (as in "Jan record high C") -> label; kinds decide the conversion.
_WEATHER_ROWS: tuple[tuple[str, str, str], ...] = (
    ("record high", "Record high", "temperature"),
    ("avg record high", "Mean maximum", "temperature"),
    ("high", "Mean daily maximum", "temperature"),
    ("mean", "Daily mean", "temperature"),
    ("low", "Mean daily minimum", "temperature"),
    ("avg record low", "Mean minimum", "temperature"),
    ("record low", "Record low", "temperature"),
    ("precipitation", "Average precipitation", "length"),
    ("rain", "Average rainfall", "length"),
    ("snow", "Average snowfall", "length"),
    ("precipitation days", "Average precipitation days", "count"),
    ("rain days", "Average rainy days", "count"),
    ("snow days", "Average snowy days", "count"),
    ("humidity", "Average relative humidity (%)", "count"),
    ("sun", "Mean monthly sunshine hours", "count"),
    ("percentsun", "Percent possible sunshine", "count"),
    ("uv", "Average ultraviolet index", "count"),
)
_TEMP_UNITS = {"C": "F", "F": "C"}
_LENGTH_UNITS = {"mm": "in", "cm": "in", "inch": "mm"}


def _weather_value(raw: str, unit: str, target: str) -> str:
    """``12.3`` °C -> ``12.3 (54.1)``: the value with its conversion."""
    number = units.parse_number(raw)
    code = {"inch": "in"}.get(unit, unit)
    target_code = {"inch": "in"}.get(target, target)
    if number is None or not target:
        return units.format_input(raw) if raw else ""
    decimals = max(units.input_precision(raw, count_trailing_zeros=False), 0)
    if code in ("mm", "cm") and target_code == "in":
        decimals = decimals + 1 if code == "cm" else max(decimals + 2, 2)
    elif code == "in" and target_code == "mm":
        decimals = 0
    converted = units.format_number(units.convert(number, code, target_code), decimals,
                                    separators=False)
    return f"{units.format_input(raw)} ({converted})"


def weather_box(call: TemplateCall, ctx: Context) -> Nodes:
    """``{{Weather box|location=...|Jan high C=...|...}}``: a climate table, one row per
    statistic given, Jan-Dec and Year columns, metric values with their imperial
    conversion in parentheses (or the other way round)."""
    names = {name for name, value in call.params if str(value).strip()}
    rows: list[TableRow] = [TableRow((
        _text_cell("Month", header=True),
        *(_text_cell(m, header=True) for m in _MONTHS),
        _text_cell("Year", header=True),
    ))]
    for key, label, kind in _WEATHER_ROWS:
        unit, target = _weather_unit(names, key, kind)
        if unit is None:
            continue
        suffix = f" {unit}" if unit else ""
        cells = []
        for month in (*_MONTHS, "year"):
            raw = _raw(call, f"{month} {key}{suffix}")
            cells.append(_text_cell(_weather_value(raw, unit, target) if kind != "count"
                                    else units.format_input(raw), align="right"))
        shown = label
        if kind == "temperature":
            shown += f" °{unit} (°{target})"
        elif kind == "length":
            shown += f" {unit} ({target})"
        rows.append(TableRow((_text_cell(shown, header=True, align="left"), *cells)))
    if len(rows) == 1:
        return ()
    location = ctx.text(call.get("location"))
    caption = (Text(f"Climate data for {location}"),) if location else ()
    out: list[Table | Paragraph] = [Table(tuple(rows), caption, "weather-box")]
    source = call.get("source", "source 1")
    if source is not None:
        notes = ctx.inlines(source)
        if notes:
            out.append(Paragraph((Text("Source: "), *notes)))
    return tuple(out)


def _weather_unit(names: set[str], key: str, kind: str) -> tuple[str | None, str]:
    """Which unit a statistic is given in (``C``/``F``, ``mm``/``cm``/``inch``, ``""`` for
    counts), or None when the box does not have it, with the unit shown beside it."""
    candidates = (
        _TEMP_UNITS if kind == "temperature" else _LENGTH_UNITS if kind == "length" else {"": ""}
    )
    for unit, target in candidates.items():
        suffix = f" {unit}" if unit else ""
        if any(f"{m} {key}{suffix}" in names for m in (*_MONTHS, "year")):
            return unit, target
    return None, ""


# --------------------------------------------------------------------------- election boxes


def _party(call: TemplateCall, ctx: Context, *names: str) -> tuple[Inline, ...]:
    """A party name; ``... with party link`` templates link it (shown without the
    article's disambiguation, as Wikipedia shows it)."""
    value = call.get(*names)
    if value is None:
        return ()
    if call.name.endswith("with party link"):
        target = _COMMENT.sub("", str(value)).strip()
        if target and not any(c in target for c in "[]{}|<>"):
            shown = re.sub(r"\s*\([^)]*\)$", "", target)
            return ctx.inlines(f"[[{target}|{shown}]]")
    return ctx.inlines(value)


def _figures(call: TemplateCall, ctx: Context) -> str:
    """``12,345 (45.6%, +1.2)`` from ``votes``, ``percentage`` and ``change``."""
    votes = units.format_input(ctx.text(call.get("votes")))
    pct = ctx.text(call.get("percentage"))
    change = ctx.text(call.get("change"))
    extra = ", ".join(p for p in (f"{pct}%" if pct else "", change) if p)
    return f"{votes} ({extra})" if votes and extra else votes or (f"({extra})" if extra else "")


def election_box(call: TemplateCall, ctx: Context) -> Nodes:
    """The ``{{Election box ...}}`` family: each row becomes a line of text (``Party:
    Candidate – 12,345 (45.6%, +1.2)``); ``begin`` gives the title, ``end`` nothing."""
    kind = call.name[len("election box "):].removesuffix(" with party link").strip()
    if kind.startswith("begin"):
        title = ctx.inlines(call.get("title"))
        return (Paragraph((Style("b", title),)),) if title else ()
    if kind in ("end", "inline end"):
        return ()
    line: list[Inline] = []
    if kind.startswith("candidate") or kind.startswith("inline candidate"):
        party = _party(call, ctx, "party")
        candidate = ctx.inlines(call.get("candidate"))
        line += [*party, Text(": ")] if party else []
        line += list(candidate)
        figures = _figures(call, ctx)
        if figures:
            line.append(Text(f" – {figures}"))
    elif kind in ("majority", "turnout", "rejected", "spoilt", "registered electors"):
        label = {"rejected": "Rejected ballots", "spoilt": "Spoilt ballots",
                 "registered electors": "Registered electors"}.get(kind, kind.capitalize())
        figures = _figures(call, ctx) or ctx.text(call.get("reg. electors", "electorate"))
        if not figures:
            return ()
        line.append(Text(f"{label}: {figures}"))
    elif kind.startswith(("gain", "hold", "win")):
        winner = _party(call, ctx, "winner")
        line += list(winner)
        word = kind.split()[0]
        line.append(Text(f" {word}"))
        loser = _party(call, ctx, "loser")
        if loser and word == "gain":
            line += [Text(" from "), *loser]
        swing = ctx.text(call.get("swing"))
        if swing:
            line.append(Text(f" (swing {swing})"))
    else:
        return ctx.unknown(call)
    return (Paragraph(tuple(line)),) if line else ()


def register(registry: TemplateRegistry) -> None:
    """Register the data-table templates."""
    registry.register_prefix("election box ")(election_box)
    registry.add(("historical populations", "us census population", "historical population",
                  "populations"), historical_populations)
    registry.add(("weather box", "weatherbox"), weather_box)
