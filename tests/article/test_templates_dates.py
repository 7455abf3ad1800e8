"""Date family: formatting, ages against a fixed today, and the handlers in articles."""

from __future__ import annotations

import datetime as dt

import pytest

from viewer.article import parse_article, to_text
from viewer.article.model import Paragraph, Span, Text
from viewer.article.templates import dates
from viewer.article.templates.dates import (
    PartialDate,
    age_in_years,
    format_date,
    parse_date,
    time_ago,
)


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(dates, "today", lambda: dt.date(2024, 3, 15))


def text(wikitext: str) -> str:
    rendered = to_text(parse_article(wikitext, "Sample"), include_infobox=False)
    return rendered.split("\n", 1)[1].strip()


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2006-06-29", PartialDate(2006, 6, 29)),
        ("29 June 2006", PartialDate(2006, 6, 29)),
        ("June 29, 2006", PartialDate(2006, 6, 29)),
        ("Jun 29 2006", PartialDate(2006, 6, 29)),
        ("June 2006", PartialDate(2006, 6)),
        ("2006-06", PartialDate(2006, 6)),
        ("2006", PartialDate(2006)),
        ("sometime", None),
        ("2006-13-01", None),
    ],
)
def test_parse_date(raw: str, expected: PartialDate | None) -> None:
    assert parse_date(raw) == expected


def test_format_date_orders() -> None:
    d = PartialDate(2006, 6, 29)
    assert format_date(d, day_first=True) == "29 June 2006"
    assert format_date(d, day_first=False) == "June 29, 2006"
    assert format_date(d, day_first=False, short=True) == "Jun 29, 2006"
    assert format_date(d, day_first=True, iso=True) == "2006-06-29"
    assert format_date(PartialDate(2006, 6), day_first=False) == "June 2006"
    assert format_date(PartialDate(2006), day_first=True) == "2006"


def test_age_in_years_exact_and_ranges() -> None:
    assert age_in_years(PartialDate(1950, 5, 3), PartialDate(2024, 3, 15)) == (73, 73)
    assert age_in_years(PartialDate(1950, 3, 15), PartialDate(2024, 3, 15)) == (74, 74)
    assert age_in_years(PartialDate(1950), PartialDate(2024, 3, 15)) == (73, 74)
    assert age_in_years(PartialDate(1950, 3), PartialDate(2024, 3, 15)) == (73, 74)


def test_time_ago() -> None:
    today = dt.date(2024, 3, 15)
    assert time_ago(PartialDate(2006, 6, 29), today) == "17 years ago"
    assert time_ago(PartialDate(2023, 3, 15), today) == "1 year ago"
    assert time_ago(PartialDate(2023, 12, 1), today) == "3 months ago"
    assert time_ago(PartialDate(2024, 3, 1), today) == "14 days ago"
    assert time_ago(PartialDate(2026, 3, 15), today) == "in 2 years"


@pytest.mark.parametrize(
    ("wikitext", "expected"),
    [
        ("{{start date|2006|6|29}}", "June 29, 2006"),
        ("{{start date|2006|6|29|df=y}}", "29 June 2006"),
        ("{{start date|2006|6|29|mf=yes}}", "June 29, 2006"),
        ("{{start date|2006|6}}", "June 2006"),
        ("{{start date|1993|02|24|08|30}}", "08:30, February 24, 1993"),
        ("{{end date|2010}}", "2010"),
        ("{{start date and age|2006|6|29}}", "June 29, 2006; 17 years ago"),
        ("{{start date and age|2006|6|29|df=y|p=y}}", "29 June 2006 (17 years ago)"),
        ("{{birth date|1950|5|3}}", "May 3, 1950"),
        ("{{birth date and age|1950|5|3}}", "May 3, 1950 (age 73)"),
        ("{{birth date and age|1950|5|3|df=yes}}", "3 May 1950 (age 73)"),
        ("{{death date|2000|1|1}}", "January 1, 2000"),
        ("{{death date and age|2000|1|1|1920|5|3}}", "January 1, 2000 (aged 79)"),
        ("{{death date and age|2000|6|1|1920|5|3|df=y}}", "1 June 2000 (aged 80)"),
        ("{{birth year and age|1950}}", "1950 (age 73–74)"),
        ("{{birth year and age|1950|2}}", "1950 (age 74)"),
        ("{{death year and age|2000|1920}}", "2000 (aged 79–80)"),
        ("{{film date|2006|6|29|Cannes}}", "June 29, 2006 (Cannes)"),
        ("{{date|2006-06-29}}", "29 June 2006"),
        ("{{date|2006-06-29|mdy}}", "June 29, 2006"),
        ("{{date|29 June 2006|iso}}", "2006-06-29"),
        ("{{dts|2006|6|29}}", "June 29, 2006"),
        ("{{dts|2006|6|29|format=dmy}}", "29 June 2006"),
        ("{{dts|29 June 2006}}", "29 June 2006"),
        ("{{age|1950|5|3}}", "73"),
        ("{{age|1950|5|3|2000|1|1}}", "49"),
        ("{{years ago|2000}}", "24 years ago"),
        ("{{as of|2012|6}}", "As of June 2012"),
        ("{{as of|2012|6|29}}", "As of 29 June 2012"),
        ("{{as of|2012|6|29|df=US}}", "As of June 29, 2012"),
        ("{{as of|2012|lc=y}}", "as of 2012"),
        ("{{as of|2012|since=y}}", "Since 2012"),
        ("{{as of|2012|alt=In early 2012}}", "In early 2012"),
    ],
)
def test_date_templates_in_text(wikitext: str, expected: str) -> None:
    assert text(f"[{wikitext}]") == f"[{expected}]"


def test_dates_are_date_spans_in_the_model() -> None:
    article = parse_article("Released {{start date|2006|6|29|df=y}}.", "Film")
    first = article.lead[0]
    assert isinstance(first, Paragraph)
    assert Span("date", (Text("29 June 2006"),)) in first.children
    assert not article.unknown_templates


def test_dates_inside_infobox_values() -> None:
    article = parse_article("{{Infobox person|name=X|birth_date={{birth date and age|1950|5|3"
                            "|df=y}}}}", "X")
    assert article.infobox is not None
    field = article.infobox.field("birth_date")
    assert field is not None and field.text == "3 May 1950 (age 73)"


def test_unreadable_dates_never_leak_markup() -> None:
    rendered = text("A {{start date|sometime}} B {{birth date and age}} C {{as of|soon}}")
    assert "{{" not in rendered
    assert rendered.startswith("A sometime B")


def test_film_date_keeps_its_references() -> None:
    article = parse_article("Released {{film date|2006|6|29|Cannes|ref1=<ref>Festival.</ref>}}."
                            "\n{{reflist}}", "Film")
    assert [r.text for r in article.references] == ["Festival."]
