"""The date family: ``{{start date}}``, ``{{birth date and age}}``, ``{{as of}}``...

Dates are read from year/month/day arguments (or a written date such as ``2006-06-29``,
``29 June 2006``, ``June 29, 2006``) and shown the way Wikipedia shows them: month first
(``June 29, 2006``) unless ``df=y``, day first (``29 June 2006``) with ``df=y``; ``mf=y``
forces month first.  Ages are computed against :func:`today`, which tests replace.

The pure functions (:func:`parse_date`, :func:`format_date`, :func:`age_in_years`,
:func:`time_ago`) carry the logic; the handlers only pick their arguments.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from mwparserfromhell.wikicode import Wikicode

from viewer.article.model import Inline, LineBreak, Span, Text
from viewer.article.templates.base import Context, Nodes, TemplateCall, TemplateRegistry

__all__ = [
    "MONTHS",
    "PartialDate",
    "age_in_years",
    "format_date",
    "parse_date",
    "register",
    "time_ago",
    "today",
]

MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December",
)
_MONTH_INDEX: dict[str, int] = {}
for _i, _name in enumerate(MONTHS, start=1):
    _MONTH_INDEX[_name.lower()] = _i
    _MONTH_INDEX[_name[:3].lower()] = _i
_MONTH_INDEX["sept"] = 9

_COMMENT = re.compile(r"<!--.*?(?:-->|$)", re.S)
_ISO = re.compile(r"^(-?\d{1,4})(?:-(\d{1,2})(?:-(\d{1,2})(?:[T ]\d.*)?)?)?$")
_DMY = re.compile(r"^(\d{1,2})\s+([A-Za-z]+)\.?,?\s+(-?\d{1,4})$")
_MDY = re.compile(r"^([A-Za-z]+)\.?\s+(\d{1,2}),?\s+(-?\d{1,4})$")
_MY = re.compile(r"^([A-Za-z]+)\.?,?\s+(-?\d{1,4})$")

DEFAULT_DAY_FIRST = False
"""Wikipedia's date templates (start date, birth date...) default to month first."""


def today() -> _dt.date:
    """Today's date (a function so that tests can fix it)."""
    return _dt.date.today()


@dataclass(frozen=True, slots=True)
class PartialDate:
    """A date that may lack its day or month (``June 2006``, ``2006``)."""

    year: int
    month: int | None = None
    day: int | None = None

    def as_date(self) -> _dt.date | None:
        """The full date, when day and month are known and valid."""
        if self.month is None or self.day is None:
            return None
        try:
            return _dt.date(self.year, self.month, self.day)
        except ValueError:
            return None


def month_number(text: str) -> int | None:
    """``6``, ``06``, ``June``, ``Jun`` -> 6; None when not a month."""
    key = text.strip().rstrip(".").lower()
    if key.isdigit():
        n = int(key)
        return n if 1 <= n <= 12 else None
    return _MONTH_INDEX.get(key)


def date_from_parts(year: str, month: str = "", day: str = "") -> PartialDate | None:
    """A date from template arguments (``2006``, ``6``/``June``, ``29``)."""
    year = year.strip()
    if not re.match(r"^-?\d{1,4}$", year):
        return parse_date(year) if year else None
    m = month_number(month) if month.strip() else None
    d: int | None = None
    if m is not None and day.strip().isdigit():
        d = int(day.strip())
        if not 1 <= d <= 31:
            d = None
    return PartialDate(int(year), m, d)


def parse_date(text: str) -> PartialDate | None:
    """Read a written date: ISO (``2006-06-29``), ``29 June 2006``, ``June 29, 2006``,
    ``June 2006`` or a bare year; None when it is none of these."""
    s = text.strip()
    if not s:
        return None
    m = _ISO.match(s)
    if m:
        year, month, day = m.groups()
        mo = int(month) if month else None
        if mo is not None and not 1 <= mo <= 12:
            return None
        return PartialDate(int(year), mo, int(day) if day else None)
    m = _DMY.match(s)
    if m and month_number(m.group(2)):
        return PartialDate(int(m.group(3)), month_number(m.group(2)), int(m.group(1)))
    m = _MDY.match(s)
    if m and month_number(m.group(1)):
        return PartialDate(int(m.group(3)), month_number(m.group(1)), int(m.group(2)))
    m = _MY.match(s)
    if m and month_number(m.group(1)):
        return PartialDate(int(m.group(2)), month_number(m.group(1)))
    return None


def format_date(date: PartialDate, *, day_first: bool, short: bool = False,
                iso: bool = False) -> str:
    """``29 June 2006`` (day first) / ``June 29, 2006``; ``June 2006``; ``2006``.

    >>> format_date(PartialDate(2006, 6, 29), day_first=True)
    '29 June 2006'
    >>> format_date(PartialDate(2006, 6, 29), day_first=False)
    'June 29, 2006'
    """
    year = str(date.year) if date.year >= 0 else f"{-date.year} BC"
    if iso:
        parts = [f"{date.year:04d}"]
        if date.month:
            parts.append(f"{date.month:02d}")
            if date.day:
                parts.append(f"{date.day:02d}")
        return "-".join(parts)
    if date.month is None:
        return year
    month = MONTHS[date.month - 1]
    if short:
        month = month[:3]
    if date.day is None:
        return f"{month} {year}"
    if day_first:
        return f"{date.day} {month} {year}"
    return f"{month} {date.day}, {year}"


def age_in_years(born: PartialDate, on: PartialDate) -> tuple[int, int]:
    """Completed years from ``born`` to ``on`` as a range ``(low, high)``: equal when both
    dates are precise enough, ``(n, n + 1)`` when a month or day is missing."""
    years = on.year - born.year
    if born.month is None or on.month is None:
        return years - 1, years
    if born.month != on.month:
        return (years - 1, years - 1) if on.month < born.month else (years, years)
    if born.day is None or on.day is None:
        return years - 1, years
    return (years - 1, years - 1) if on.day < born.day else (years, years)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def time_ago(then: PartialDate, now: _dt.date) -> str:
    """``19 years ago`` / ``3 months ago`` / ``12 days ago`` (``in 2 years`` ahead)."""
    current = PartialDate(now.year, now.month, now.day)
    future = (then.year, then.month or 1, then.day or 1) > (now.year, now.month, now.day)
    if then.month is None:
        # A bare year: whole calendar years, as {{CURRENTYEAR}} minus the year.
        low = abs(now.year - then.year)
    elif future:
        low, _ = age_in_years(current, then)
    else:
        low, _ = age_in_years(then, current)
    if low >= 1 or then.month is None:
        amount = _plural(max(low, 0), "year")
    else:
        months = (now.year - then.year) * 12 + now.month - then.month
        if then.day is not None and now.day < then.day:
            months -= 1
        months = abs(months)
        if months >= 1 or then.day is None:
            amount = _plural(months, "month")
        else:
            full = then.as_date()
            days = abs((now - full).days) if full else 0
            amount = _plural(days, "day")
    return f"in {amount}" if future else f"{amount} ago"


def _age_text(low: int, high: int) -> str:
    return str(low) if low == high else f"{low}–{high}"


# --------------------------------------------------------------------------- helpers


def _raw(value: Wikicode | str | None) -> str:
    if value is None:
        return ""
    return _COMMENT.sub("", str(value)).strip()


def _args(call: TemplateCall, ctx: Context) -> list[str]:
    """Positional arguments as plain text (templates inside expanded)."""
    out: list[str] = []
    for key, value in call.params:
        if key.isdigit():
            index = int(key)
            while len(out) < index:
                out.append("")
            raw = _raw(value)
            out[index - 1] = ctx.text(value) if ("{" in raw or "<" in raw) else raw
    return out


def _arg(args: Sequence[str], index: int) -> str:
    return args[index] if index < len(args) else ""


def _day_first(call: TemplateCall, default: bool = DEFAULT_DAY_FIRST) -> bool:
    df = call.raw("df").lower()
    mf = call.raw("mf").lower()
    if mf in ("y", "yes", "on", "true", "1"):
        return False
    if df in ("y", "yes", "on", "true", "1"):
        return True
    if df in ("us", "n", "no"):
        return False
    return default


def _date_at(args: Sequence[str], start: int) -> PartialDate | None:
    """The date in arguments ``start``.. (``y, m, d`` or one written date)."""
    year = _arg(args, start)
    if not year:
        return None
    if not re.match(r"^-?\d{1,4}$", year):
        return parse_date(year)
    return date_from_parts(year, _arg(args, start + 1), _arg(args, start + 2))


def _shown(text: str) -> tuple[Inline, ...]:
    return (Span("date", (Text(text),)),)


# --------------------------------------------------------------------------- handlers


def start_date(call: TemplateCall, ctx: Context) -> Nodes:
    """``{{start date|2006|6|29}}`` -> ``June 29, 2006`` (time and zone when given)."""
    args = _args(call, ctx)
    date = _date_at(args, 0)
    if date is None:
        return (Text(" ".join(a for a in args if a)),) if any(args) else ()
    text = format_date(date, day_first=_day_first(call))
    hour, minute, second, zone = (_arg(args, i) for i in range(3, 7))
    if hour.isdigit():
        clock = f"{int(hour):02d}:{int(minute or 0):02d}"
        if second.isdigit():
            clock += f":{int(second):02d}"
        text = f"{clock}, {text}"
    if zone:
        text += " (UTC)" if zone.upper() == "Z" else f" ({zone})"
    return _shown(text)


def start_date_and_age(call: TemplateCall, ctx: Context) -> Nodes:
    """``{{start date and age|2006|6|29}}`` -> ``June 29, 2006; 19 years ago``."""
    args = _args(call, ctx)
    date = _date_at(args, 0)
    if date is None:
        return ()
    text = format_date(date, day_first=_day_first(call))
    ago = time_ago(date, today())
    if call.raw("br").lower() in ("y", "yes"):
        return (*_shown(text), LineBreak(), Text(f"({ago})"))
    if call.raw("p", "paren").lower() in ("y", "yes"):
        return (*_shown(text), Text(f" ({ago})"))
    return (*_shown(text), Text(f"; {ago}"))


def birth_date(call: TemplateCall, ctx: Context) -> Nodes:
    """``{{birth date|1950|5|3}}`` / ``{{death date|...}}`` -> ``May 3, 1950``."""
    return start_date(call, ctx)


def birth_date_and_age(call: TemplateCall, ctx: Context) -> Nodes:
    """``{{birth date and age|1950|5|3}}`` -> ``May 3, 1950 (age 75)``."""
    args = _args(call, ctx)
    born = _date_at(args, 0)
    if born is None:
        return ()
    now = today()
    low, high = age_in_years(born, PartialDate(now.year, now.month, now.day))
    text = format_date(born, day_first=_day_first(call))
    return (*_shown(text), Text(f" (age {_age_text(low, high)})"))


def death_date_and_age(call: TemplateCall, ctx: Context) -> Nodes:
    """``{{death date and age|2000|1|1|1920|5|3}}`` -> ``January 1, 2000 (aged 79)``."""
    args = _args(call, ctx)
    died = _date_at(args, 0)
    if died is None:
        return ()
    # A written death date takes one argument, numeric ones three.
    born_at = 1 if not re.match(r"^-?\d{1,4}$", _arg(args, 0)) else 3
    born = _date_at(args, born_at)
    text = format_date(died, day_first=_day_first(call))
    if born is None:
        return _shown(text)
    low, high = age_in_years(born, died)
    return (*_shown(text), Text(f" (aged {_age_text(low, high)})"))


def birth_year_and_age(call: TemplateCall, ctx: Context) -> Nodes:
    """``{{birth year and age|1950}}`` -> ``1950 (age 75–76)`` (exact with a month)."""
    args = _args(call, ctx)
    year = _arg(args, 0)
    if not re.match(r"^\d{1,4}$", year):
        return (Text(year),) if year else ()
    born = PartialDate(int(year), month_number(_arg(args, 1)) if _arg(args, 1) else None)
    now = today()
    low, high = age_in_years(born, PartialDate(now.year, now.month, now.day))
    return (Text(f"{year} (age {_age_text(low, high)})"),)


def death_year_and_age(call: TemplateCall, ctx: Context) -> Nodes:
    """``{{death year and age|2000|1920}}`` -> ``2000 (aged 79–80)`` (exact when both
    months are given as arguments 3 and 4)."""
    args = _args(call, ctx)
    died_y, born_y = _arg(args, 0), _arg(args, 1)
    if not re.match(r"^\d{1,4}$", died_y):
        return (Text(died_y),) if died_y else ()
    if not re.match(r"^\d{1,4}$", born_y):
        return (Text(died_y),)
    died = PartialDate(int(died_y), month_number(_arg(args, 2)) if _arg(args, 2) else None)
    born = PartialDate(int(born_y), month_number(_arg(args, 3)) if _arg(args, 3) else None)
    low, high = age_in_years(born, died)
    return (Text(f"{died_y} (aged {_age_text(low, high)})"),)


def film_date(call: TemplateCall, ctx: Context) -> Nodes:
    """``{{film date|2006|6|29|Cannes|2006|7|10|US}}``: each release with its place."""
    args = _args(call, ctx)
    out: list[Inline] = []
    for start in range(0, len(args), 4):
        date = _date_at(args, start)
        if date is None:
            continue
        if out:
            out.append(LineBreak())
        out.extend(_shown(format_date(date, day_first=_day_first(call))))
        place = _arg(args, start + 3)
        if place:
            out.append(Text(f" ({place})"))
        ref = call.get(f"ref{start // 4 + 1}")
        if ref is not None:
            out.extend(ctx.inlines(ref))
    return tuple(out)


def date(call: TemplateCall, ctx: Context) -> Nodes:
    """``{{date|2006-06-29}}`` -> ``29 June 2006`` (``mdy``/``iso`` as second argument);
    no argument: today."""
    args = _args(call, ctx)
    raw = _arg(args, 0)
    if not raw:
        now = today()
        parsed: PartialDate | None = PartialDate(now.year, now.month, now.day)
    else:
        parsed = parse_date(raw)
    if parsed is None:
        return (Text(raw),)
    style = _arg(args, 1).lower()
    return _shown(format_date(parsed, day_first=style not in ("mdy", "md"),
                              iso=style in ("iso", "ymd")))


def dts(call: TemplateCall, ctx: Context) -> Nodes:
    """``{{dts|2006|6|29}}`` -> ``June 29, 2006`` (``format=dmy``, ``abbr=on``); a written
    date keeps its own order."""
    args = _args(call, ctx)
    parsed = _date_at(args, 0)
    if parsed is None:
        text = " ".join(a for a in args if a)
        return (Text(text),) if text else ()
    first = _arg(args, 0)
    fmt = call.raw("format").lower()
    if fmt:
        day_first = fmt.startswith("d")
    elif not re.match(r"^-?\d{1,4}$", first) and not _ISO.match(first):
        day_first = bool(_DMY.match(first))
    else:
        day_first = False
    short = call.raw("abbr").lower() in ("on", "y", "yes")
    return _shown(format_date(parsed, day_first=day_first, short=short))


def age(call: TemplateCall, ctx: Context) -> Nodes:
    """``{{age|1950|5|3}}`` -> years until today; six arguments: between two dates."""
    args = _args(call, ctx)
    born = _date_at(args, 0)
    if born is None:
        return ()
    numeric = re.match(r"^-?\d{1,4}$", _arg(args, 0)) is not None
    until = _date_at(args, 3 if numeric else 1)
    if until is None:
        now = today()
        until = PartialDate(now.year, now.month, now.day)
    low, high = age_in_years(born, until)
    return (Text(_age_text(low, high)),)


def years_ago(call: TemplateCall, ctx: Context) -> Nodes:
    """``{{years ago|1990}}`` -> ``35 years ago``."""
    args = _args(call, ctx)
    then = _date_at(args, 0)
    if then is None:
        return ()
    return (Text(time_ago(then, today())),)


def as_of(call: TemplateCall, ctx: Context) -> Nodes:
    """``{{as of|2012|6}}`` -> ``As of June 2012`` (``lc=y`` lower case, ``since=y``,
    ``alt=`` replaces the text, ``post=`` follows it; full dates day first unless
    ``df=US``)."""
    alt = call.get("alt")
    if alt is not None:
        return ctx.inlines(alt)
    args = _args(call, ctx)
    when = _date_at(args, 0)
    if when is None:
        return ()
    word = "Since" if call.raw("since").lower() in ("y", "yes") else "As of"
    if call.raw("lc").lower() in ("y", "yes", "on", "true", "1"):
        word = word.lower()
    text = f"{word} {format_date(when, day_first=_day_first(call, default=True))}"
    return (Text(text + call.raw("post")),)


def register(registry: TemplateRegistry) -> None:
    """Register the date family."""
    add: Callable[[Sequence[str], Callable[[TemplateCall, Context], Nodes]], None] = (
        registry.add
    )
    add(("start date", "end date", "start-date", "end-date", "start date text",
         "release date"), start_date)
    add(("start date and age", "start date and years ago", "end date and age"),
        start_date_and_age)
    add(("birth date", "death date", "birth-date", "death-date", "dob", "bd"), birth_date)
    add(("birth date and age", "bda", "birth-date and age", "b-da"), birth_date_and_age)
    add(("death date and age", "dda", "death-date and age", "d-da"), death_date_and_age)
    add(("birth year and age", "bya"), birth_year_and_age)
    add(("death year and age", "dya"), death_year_and_age)
    add(("film date", "filmdate"), film_date)
    add(("date",), date)
    add(("dts", "date table sorting"), dts)
    add(("age", "age in years"), age)
    add(("years ago", "years since"), years_ago)
    add(("as of", "asof"), as_of)
