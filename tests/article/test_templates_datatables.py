"""Data-table templates: Historical populations and Weather box become tables."""

from __future__ import annotations

from viewer.article import parse_article, to_text
from viewer.article.model import Article, Inline, Link, Paragraph, Span, Style, Table, Text


def flat(nodes: tuple[Inline, ...]) -> str:
    out = ""
    for node in nodes:
        if isinstance(node, Text):
            out += node.text
        elif isinstance(node, Style | Span | Link):
            out += flat(node.children)
    return out


def grid(table: Table) -> list[list[str]]:
    rows = []
    for row in table.rows:
        cells = []
        for cell in row.cells:
            first = cell.blocks[0] if cell.blocks else None
            cells.append(flat(first.children) if isinstance(first, Paragraph) else "")
        rows.append(cells)
    return rows


def tables(article: Article) -> list[Table]:
    return [b for b in article.lead if isinstance(b, Table)]


def test_historical_populations_with_changes_and_footnote() -> None:
    article = parse_article("""{{Historical populations
| 1900 | 1,000
| 1910 | 1250
| [[1920 census|1920]] | 1,100
| footnote = From the census.
}}""", "Springfield")
    (table,) = tables(article)
    assert grid(table) == [
        ["Year", "Pop.", "±%"],
        ["1900", "1,000", ""],
        ["1910", "1,250", "+25.0%"],
        ["1920", "1,100", "−12.0%"],
    ]
    assert "1920 census" in article.links
    assert "From the census." in to_text(article)
    assert not article.unknown_templates


def test_weather_box_rows_units_and_conversions() -> None:
    article = parse_article("""{{Weather box
| location = Springfield
| Jan high C = 5.2 | Jul high C = 25 | year high C = 14.5
| Jan low C = -2
| Jan precipitation mm = 50 | year precipitation mm = 600
| Jan precipitation days = 10
| source 1 = Met Office
}}""", "Springfield")
    (table,) = tables(article)
    assert flat(table.caption) == "Climate data for Springfield"
    rows = grid(table)
    assert rows[0] == ["Month", "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep",
                       "Oct", "Nov", "Dec", "Year"]
    labels = [r[0] for r in rows[1:]]
    assert labels == ["Mean daily maximum °C (°F)", "Mean daily minimum °C (°F)",
                      "Average precipitation mm (in)", "Average precipitation days"]
    assert rows[1][1] == "5.2 (41.4)" and rows[1][7] == "25 (77)" and rows[1][13] == "14.5 (58.1)"
    assert rows[2][1] == "−2 (28)"
    assert rows[3][1] == "50 (1.97)" and rows[3][13] == "600 (23.62)"
    assert rows[4][1] == "10"
    assert "Source: Met Office" in to_text(article)


def test_weather_box_in_fahrenheit_converts_to_celsius() -> None:
    article = parse_article("{{Weather box|Jan high F=41|year high F=58.1}}", "X")
    (table,) = tables(article)
    assert grid(table)[1][0] == "Mean daily maximum °F (°C)"
    assert grid(table)[1][1] == "41 (5)"
    assert grid(table)[1][13] == "58.1 (14.5)"


def test_empty_boxes_render_nothing() -> None:
    article = parse_article("A {{Weather box|location=X}} {{Historical populations}} B", "X")
    assert not tables(article)
    assert not article.unknown_templates


def test_election_box_rows_become_lines() -> None:
    article = parse_article("""==Elections==
{{Election box begin|title=General election 2019: Foo}}
{{Election box candidate with party link|party=Conservative Party (UK)
 |candidate=John Smith|votes=12345|percentage=45.6|change=+1.2}}
{{Election box candidate|party=Independent|candidate=Jane Roe|votes=999|percentage=3.7}}
{{Election box majority|votes=5,000|percentage=18.5|change=−2.0}}
{{Election box gain with party link|winner=Labour Party (UK)
 |loser=Conservative Party (UK)|swing=4.2}}
{{Election box end}}
""", "Foo")
    section = article.sections[0]
    lines = [flat(b.children) for b in section.blocks if isinstance(b, Paragraph)]
    assert lines == [
        "General election 2019: Foo",
        "Conservative Party: John Smith – 12,345 (45.6%, +1.2)",
        "Independent: Jane Roe – 999 (3.7%)",
        "Majority: 5,000 (18.5%, −2.0)",
        "Labour Party gain from Conservative Party (swing 4.2)",
    ]
    assert "Conservative Party (UK)" in article.links
    assert not article.unknown_templates
