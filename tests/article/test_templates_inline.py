"""Inline family: pronunciation, languages, convert, typography, quotes, cleanup tags,
lists, flags, coordinates (asserted on the parsed Article and on to_text)."""

from __future__ import annotations

import pytest

from viewer.article import parse_article, to_text
from viewer.article.model import (
    Article,
    Blockquote,
    ExternalLink,
    Figure,
    Gallery,
    Inline,
    LineBreak,
    Link,
    ListBlock,
    Paragraph,
    Span,
    Style,
    Table,
    Text,
)
from viewer.article.templates.inline import convert_text, coord_text, language_name


def parse(wikitext: str, title: str = "Sample") -> Article:
    return parse_article(wikitext, title)


def flat(nodes: tuple[Inline, ...]) -> str:
    """Plain text of inline nodes (line breaks as newlines)."""
    out = ""
    for node in nodes:
        if isinstance(node, Text):
            out += node.text
        elif isinstance(node, LineBreak):
            out += "\n"
        elif isinstance(node, Style | Span | Link | ExternalLink):
            out += flat(node.children)
    return out


def para(wikitext: str) -> Paragraph:
    article = parse(wikitext)
    assert article.lead, article
    first = article.lead[0]
    assert isinstance(first, Paragraph), article.lead
    return first


def text(wikitext: str) -> str:
    """The text of the first paragraph, from the model."""
    return flat(para(wikitext).children)


def body(wikitext: str) -> str:
    """The article body through to_text (title line dropped)."""
    rendered = to_text(parse(wikitext), include_infobox=False)
    return rendered.split("\n", 1)[1].strip()


# --------------------------------------------------------------------------- convert


@pytest.mark.parametrize(
    ("args", "named", "expected"),
    [
        (["10", "km", "mi"], {}, "10 kilometres (6.2 mi)"),
        (["10", "km", "mi"], {"abbr": "on"}, "10 km (6.2 mi)"),
        (["10", "km", "mi"], {"abbr": "off"}, "10 kilometres (6.2 miles)"),
        (["1", "km", "mi"], {}, "1 kilometre (0.62 mi)"),
        (["100", "km", "mi"], {}, "100 kilometres (62 mi)"),
        (["1000", "km"], {}, "1,000 kilometres (620 mi)"),
        (["8848", "m", "ft"], {}, "8,848 metres (29,029 ft)"),
        (["5", "mi", "km"], {}, "5 miles (8.0 km)"),
        (["100", "C", "F"], {}, "100 °C (212 °F)"),
        (["37", "C"], {}, "37 °C (99 °F)"),
        (["-40", "F", "C"], {}, "−40 °F (−40 °C)"),
        (["10", "kg", "lb"], {}, "10 kilograms (22 lb)"),
        (["1", "acre", "ha"], {}, "1 acre (0.40 ha)"),
        (["50", "km2", "sqmi"], {}, "50 square kilometres (19 sq mi)"),
        (["100", "km/h", "mph"], {}, "100 kilometres per hour (62 mph)"),
        (["200", "hp", "kW"], {}, "200 horsepower (150 kW)"),
        (["1", "to", "2", "km"], {}, "1 to 2 kilometres (0.62 to 1.2 mi)"),
        (["2", "-", "3", "km", "mi"], {}, "2–3 kilometres (1.2–1.9 mi)"),
        (["10", "km", "mi"], {"adj": "on"}, "10-kilometre (6.2 mi)"),
        (["10", "km", "mi"], {"disp": "or"}, "10 kilometres or 6.2 mi"),
        (["10", "km", "mi"], {"disp": "flip"}, "6.2 miles (10 km)"),
        (["10", "km", "mi"], {"disp": "output only"}, "6.2 mi"),
        (["10", "km", "mi", "2"], {}, "10 kilometres (6.21 mi)"),
        (["10", "km", "mi nmi"], {"abbr": "on"}, "10 km (6.2 mi; 5.4 nmi)"),
        (["5", "ft", "10", "in", "cm"], {}, "5 feet 10 inches (178 cm)"),
        (["3", "parsecs"], {}, "3 parsecs"),
        (["10", "km", "mi"], {"sp": "us"}, "10 kilometers (6.2 mi)"),
        (["1.85", "m", "ftin"], {}, "1.85 metres (6 ft 1 in)"),
        (["1.85", "m", "ftin"], {"abbr": "on"}, "1.85 m (6 ft 1 in)"),
        (["80", "kg", "stlb"], {}, "80 kilograms (12 st 8 lb)"),
        (["30", "cm", "ftin"], {}, "30 centimetres (1 ft 0 in)"),
        (["20", "cm", "ftin"], {}, "20 centimetres (8 in)"),
    ],
)
def test_convert_text(args: list[str], named: dict[str, str], expected: str) -> None:
    assert convert_text(args, named) == expected


def test_convert_in_a_sentence() -> None:
    assert text("The river is {{convert|10|km|mi}} long.") == (
        "The river is 10 kilometres (6.2 mi) long.")
    assert body("The river is {{cvt|10|km|mi}} long.") == "The river is 10 km (6.2 mi) long."


def test_convert_never_leaks_markup_for_unknown_units() -> None:
    assert text("About {{convert|3|furlongs-per-fortnight}} today.") == (
        "About 3 furlongs-per-fortnight today.")


# --------------------------------------------------------------------------- pronunciation


def test_ipac_en_joins_pieces_with_slashes() -> None:
    p = para("'''Lenalidomide''' ({{IPAc-en|ˌ|l|ɛ|n|ə|ˈ|l|ɪ|d|oʊ-|m|aɪ|d}}) is a drug.")
    spans = [n for n in p.children if isinstance(n, Span) and n.css_class == "ipa"]
    assert [flat(s.children) for s in spans] == ["/ˌlɛnəˈlɪdoʊmaɪd/"]
    assert flat(p.children) == "Lenalidomide (/ˌlɛnəˈlɪdoʊmaɪd/) is a drug."


@pytest.mark.parametrize(
    ("wikitext", "expected"),
    [
        ("{{IPAc-en|lang|ˈ|t|ɒ|m}}", "English pronunciation: /ˈtɒm/"),
        ("{{IPAc-en|pron|ˈ|t|ɒ|m}}", "pronounced /ˈtɒm/"),
        ("{{IPAc-en|US|ˈ|t|ɑː|m|;|UK|ˈ|t|ɒ|m}}", "US: /ˈtɑːm/; UK: /ˈtɒm/"),
        ("{{IPA-fr|bɔ̃ʒuʁ}}", "French pronunciation: [bɔ̃ʒuʁ]"),
        ("{{IPA-de|ˈbɛʁlɪn|lang}}", "German: [ˈbɛʁlɪn]"),
        ("{{IPA-es|maˈðɾið|}}", "[maˈðɾið]"),
        ("{{IPA|fr|bɔ̃ʒuʁ}}", "French pronunciation: [bɔ̃ʒuʁ]"),
        ("{{IPA|/ˈfuː/}}", "/ˈfuː/"),
        ("{{respell|LEN|ə|LID|oh|myde}}", "LEN-ə-LID-oh-myde"),
    ],
)
def test_pronunciation_templates(wikitext: str, expected: str) -> None:
    assert text(f"X {wikitext} Y") == f"X {expected} Y"


# --------------------------------------------------------------------------- languages


def test_lang_tags_text_and_italicises_only_on_request() -> None:
    p = para("A {{lang|fr|tour de force}}, {{lang|de|Angst|italic=yes}} and "
             "{{lang|ru|Москва}}.")
    spans = [n for n in p.children if isinstance(n, Span)]
    assert [(s.lang, s.children) for s in spans] == [
        ("fr", (Text("tour de force"),)),
        ("de", (Style("i", (Text("Angst"),)),)),
        ("ru", (Text("Москва"),)),
    ]


def test_lang_xx_italicises_latin_script_automatically() -> None:
    p = para("{{lang-fr|Le Monde}} / {{lang-ru|Москва}}")
    spans = [n for n in p.children if isinstance(n, Span)]
    assert [s.children for s in spans] == [
        (Style("i", (Text("Le Monde"),)),), (Text("Москва"),)]


@pytest.mark.parametrize(
    ("wikitext", "expected"),
    [
        ("{{lang-fr|Le Monde}}", "French: Le Monde"),
        ("{{langx|de|Gut|lit=good}}", "German: Gut, lit. 'good'"),
        ("{{lang-ru|Москва|Moskva}}", "Russian: Москва, Moskva"),
        ("{{transl|ar|DIN|al-Qāhira}}", "al-Qāhira"),
        ("{{nihongo|Tokyo|東京|Tōkyō}}", "Tokyo (東京, Tōkyō)"),
        ("{{nihongo||東京|Tōkyō}}", "東京 (Tōkyō)"),
        ("{{nihongo3|Tokyo|東京|Tōkyō}}", "Tōkyō (東京, Tokyo)"),
        ("{{zh|t=中國|s=中国|p=Zhōngguó}}",
         "traditional Chinese: 中國; simplified Chinese: 中国; pinyin: Zhōngguó"),
    ],
)
def test_language_templates(wikitext: str, expected: str) -> None:
    assert text(f"{wikitext}.") == f"{expected}."


def test_language_name() -> None:
    assert language_name("fr") == "French"
    assert language_name("pt-BR") == "Brazilian Portuguese"
    assert language_name("de-CH") == "German"
    assert language_name("xx-nonsense") == ""


# --------------------------------------------------------------------------- typography


@pytest.mark.parametrize(
    ("wikitext", "expected"),
    [
        ("1{{ndash}}2", "1–2"),
        ("a{{mdash}}b", "a—b"),
        ("a{{snd}}b", "a – b"),
        ("10{{nbsp}}kg", "10\u00a0kg"),
        ("a{{!}}b", "a|b"),
        ("a{{=}}b", "a=b"),
        ("a{{·}}b", "a · b"),
        ("{{frac|2|3|4}} cups", "2¾ cups"),
        ("{{frac|3|7}}", "3⁄7"),
        ("{{sfrac|1|2}}", "½"),
        ("{{circa|1900}}", "c. 1900"),
        ("{{c.|1900|1910}}", "c. 1900 – c. 1910"),
        ("{{floruit|1200}}", "fl. 1200"),
        ("{{reign|1066|1087}}", "r. 1066–1087"),
        ("{{BCE|300}}", "300 BCE"),
        ("{{AD|300}}", "AD 300"),
        ("{{sic|teh}}", "teh [sic]"),
        ("{{sic|hide=y|teh}}", "teh"),
        ("{{US$|1000000}}", "US$1,000,000"),
        ("{{£|5}}", "£5"),
        ("{{inflation|US|100|1950}}", "100"),
        ("{{nowrap|New York}}", "New York"),
        ("{{small|tiny}}", "tiny"),
        ("{{font color|red|warning}}", "warning"),
        ("{{font|text=warning|size=90%}}", "warning"),
        ("a{{bull}}b", "a • b"),
        ("{{chem2|H2O}}", "H2O"),
        ("{{keypress|Ctrl|C}}", "Ctrl+C"),
        ("{{coord|57|18|22|N|4|27|32|W}}", "57°18′22″N 4°27′32″W"),
        ("{{coord|51.5|-0.12|display=inline,title}}", "51.5°N 0.12°W"),
        ("{{hlist|Red|Green|Blue}}", "Red · Green · Blue"),
        ("{{ubl|Red|Green}}", "Red\nGreen"),
        ("{{main other|shown}}", "shown"),
    ],
)
def test_small_inline_templates(wikitext: str, expected: str) -> None:
    assert text(f"<{wikitext}>".replace("<", "[").replace(">", "]")) == f"[{expected}]"


def test_styles_map_to_model_tags() -> None:
    p = para("{{small|s}}{{big|b}}{{sup|2}}{{sub|x}}{{em|e}}{{strong|st}}{{kbd|k}}"
             "{{mvar|n}}{{abbr|MDS|myelodysplastic syndrome}}{{code|1=x = 1}}")
    assert p.children == (
        Style("small", (Text("s"),)), Style("big", (Text("b"),)), Style("sup", (Text("2"),)),
        Style("sub", (Text("x"),)), Style("i", (Text("e"),)), Style("b", (Text("st"),)),
        Style("kbd", (Text("k"),)), Style("var", (Text("n"),)),
        Style("abbr", (Text("MDS"),), title="myelodysplastic syndrome"),
        Style("code", (Text("x = 1"),)),
    )


def test_chem2_subscripts() -> None:
    p = para("{{chem2|CO2}}")
    assert p.children == (Span("chem-formula", (Text("CO"), Style("sub", (Text("2"),)))),)


def spans(nodes: tuple[Inline, ...], css: str) -> list[Span]:
    found: list[Span] = []
    for node in nodes:
        if isinstance(node, Span) and node.css_class == css:
            found.append(node)
        elif isinstance(node, Style | Span | Link):
            found += spans(node.children, css)
    return found


def test_citation_needed_family() -> None:
    p = para("Claim.{{citation needed|date=May 2020}} Other.{{cn}} More.{{dubious}}")
    tags = [flat(s.children) for s in spans(p.children, "citation-needed")]
    assert tags == ["[citation needed]", "[citation needed]", "[dubious – discuss]"]
    assert isinstance(p.children[1], Style) and p.children[1].tag == "sup"
    assert body("Claim.{{fact}}") == "Claim.[citation needed]"


def test_citation_needed_span_keeps_text() -> None:
    assert text("{{citation needed span|Disputed claim|date=May 2020}}.") == (
        "Disputed claim[citation needed].")


# --------------------------------------------------------------------------- blocks


def test_quote_is_a_blockquote_with_attribution() -> None:
    article = parse("Before.\n{{quote|To be or not to be.|[[William Shakespeare]]|"
                    "''Hamlet''}}\nAfter.")
    quotes = [b for b in article.lead if isinstance(b, Blockquote)]
    assert len(quotes) == 1
    q = quotes[0]
    assert flat(q.blocks[0].children) == "To be or not to be."  # type: ignore[union-attr]
    assert flat(q.attribution) == "William Shakespeare, Hamlet"
    assert "William Shakespeare" in article.links


def test_bulleted_and_ordered_lists() -> None:
    article = parse("{{bulleted list|one|two}}\n\n{{ordered list|first|second}}")
    lists = [b for b in article.lead if isinstance(b, ListBlock)]
    assert [(lst.kind, [flat(i.children) for i in lst.items]) for lst in lists] == [
        ("ul", ["one", "two"]), ("ol", ["first", "second"])]


def test_flatlist_reads_bullet_lines() -> None:
    assert text("Colours: {{flatlist|\n* red\n* [[green]]\n}} done") == (
        "Colours: red · green done")


# --------------------------------------------------------------------------- links


def test_flag_and_ill_make_recorded_links() -> None:
    article = parse("{{flagicon|FRA}} {{flag|France|1790}} and {{flagcountry|GER}} and "
                    "{{ill|Foo Bar|de|Foo Bär}}.")
    assert article.links == ("France", "Germany", "Foo Bar")
    assert flat(article.lead[0].children).strip() == (  # type: ignore[union-attr]
        "France and Germany and Foo Bar.")


def test_anchor_and_clear_render_nothing() -> None:
    article = parse("A{{anchor|x}}B{{clear}}C")
    assert text("A{{anchor|x}}B{{clear}}C") == "ABC"
    assert not article.unknown_templates


def test_coord_text_decimal_and_title_only() -> None:
    assert coord_text(["-33.86", "151.21"]) == "33.86°S 151.21°E"
    assert coord_text(["40", "26", "N", "79", "58", "W", "region:US"]) == "40°26′N 79°58′W"
    article = parse("Here.{{coord|51.5|-0.12|display=title}}")
    assert flat(article.lead[0].children) == "Here."  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("wikitext", "expected"),
    [
        ("{{marriage|Jane Doe|1990|2000|end=div.}}", "Jane Doe (m. 1990; div. 2000)"),
        ("{{marriage|Jane Doe|1990}}", "Jane Doe (m. 1990)"),
        ("{{Yes}}/{{No}}/{{N/A}}/{{Yes|Partly}}", "Yes/No/N/A/Partly"),
        ("{{val|1.23|0.04|u=m}}", "1.23±0.04 m"),
        ("{{val|299792458|ul=m/s}}", "299,792,458 m/s"),
        ("{{ordinal|23}} {{ordinal|11}} {{ordinal|101}}", "23rd 11th 101st"),
        ("{{height|m=1.85}}", "1.85 m (6 ft 1 in)"),
        ("{{lit|good day}}", "lit. 'good day'"),
        ("{{gloss|house}}", "'house'"),
        ("{{korean|hangul=한국|rr=Hanguk}}", "Korean: 한국; RR: Hanguk"),
        ("{{legend|#f00|Red area}}", "■ Red area"),
        ("{{in lang|fr}}", "(in French)"),
        ("{{rnd|3.14159|2}}", "3.14"),
        ("{{nts|1234567}}", "1,234,567"),
        ("{{sort|b|Beta}}", "Beta"),
        ("{{pdf|Report}}", "Report (PDF)"),
    ],
)
def test_more_inline_templates(wikitext: str, expected: str) -> None:
    assert text(f"[{wikitext}]") == f"[{expected}]"


def test_url_official_website_ship_and_sortname_links() -> None:
    article = parse("{{URL|www.example.com}}; {{official website|https://example.org/}}; "
                    "{{HMS|Victory|1765}}; {{ship|USS|Enterprise|CV-6}}; "
                    "{{sortname|John|Smith}}.")
    assert text("{{URL|www.example.com}}; {{official website|https://example.org/}}; "
                "{{HMS|Victory|1765}}; {{sortname|John|Smith}}.") == (
        "www.example.com; Official website; HMS Victory; John Smith.")
    assert [e.url for e in article.external_links] == [
        "https://www.example.com", "https://example.org/"]
    assert article.links == ("HMS Victory (1765)", "USS Enterprise (CV-6)", "John Smith")


def test_columns_list_gives_the_list() -> None:
    article = parse("{{columns-list|colwidth=20em|\n* one\n* two\n}}")
    lists = [b for b in article.lead if isinstance(b, ListBlock)]
    assert [flat(i.children) for i in lists[0].items] == ["one", "two"]
    assert not parse("{{div col}}\n* a\n{{div col end}}").unknown_templates


def test_multiple_image_is_a_gallery_of_placeholders() -> None:
    article = parse("Intro.\n{{multiple image\n| image1 = File:A_b.jpg | caption1 = First "
                    "[[Thing]]\n| image2 = C.png | alt2 = A C\n| footer = Both pictures.\n}}")
    galleries = [b for b in article.lead if isinstance(b, Gallery)]
    assert len(galleries) == 1
    items = galleries[0].items
    assert [(m.filename, flat(m.caption), m.alt) for m in items] == [
        ("A b.jpg", "First Thing", ""), ("C.png", "", "A C")]
    assert article.media == items
    assert "Thing" in article.links
    assert "Both pictures." in to_text(article)


def test_listen_and_wide_image_are_figures() -> None:
    article = parse("{{listen|filename=Anthem.ogg|title=Anthem|description=Instrumental}}\n\n"
                    "{{wide image|Panorama.jpg|800px|The bay}}")
    figures = [b for b in article.lead if isinstance(b, Figure)]
    assert [(f.media.filename, flat(f.media.caption)) for f in figures] == [
        ("Anthem.ogg", "Anthem: Instrumental"), ("Panorama.jpg", "The bay")]


BIOGRAPHY = """{{Infobox person
| name = Jane Example
| birth_date = {{birth date|1901|2|3|df=y}}
| death_date = {{death date and age|1980|7|8|1901|2|3|df=y}}
| height = {{convert|1.70|m|ftin|abbr=on}}
| website = {{URL|janeexample.org}}
}}
'''Jane Example''' ({{IPAc-en|dʒ|eɪ|n}}; {{circa|1901}}{{snd}}1980) was a
{{lang-fr|savante}} who walked {{convert|40|km|mi}} a day.{{cn|date=May 2020}}
{{As of|2020}}, {{#if:x|her house|nothing}} stands on {{coord|48|51|N|2|21|E}}.
"""


def test_biography_mixes_every_family_without_leaks() -> None:
    article = parse(BIOGRAPHY, "Jane Example")
    assert not article.unknown_templates
    assert article.infobox is not None
    assert [(f.label, f.text) for f in article.infobox.fields] == [
        ("Born", "3 February 1901"),
        ("Died", "8 July 1980 (aged 79)"),
        ("Height", "1.70 m (5 ft 7 in)"),
        ("Website", "janeexample.org"),
    ]
    rendered = to_text(article, include_infobox=False)
    assert ("Jane Example (/dʒeɪn/; c. 1901 – 1980) was a French: savante who walked "
            "40 kilometres (25 mi) a day.[citation needed] As of 2020, her house stands on "
            "48°51′N 2°21′E.") in rendered
    for leak in ("{{", "}}", "[[", "IPAc", "convert", "cn|"):
        assert leak not in rendered


def test_track_listing_is_a_table() -> None:
    article = parse("""{{Track listing
| headline = Side one
| total_length = 7:30
| title1 = Come Together
| writer1 = [[John Lennon|Lennon]]
| length1 = 4:20
| title2 = Something
| note2 = live
| length2 = 3:10
}}""")
    tables = [b for b in article.lead if isinstance(b, Table)]
    assert len(tables) == 1
    table = tables[0]
    assert flat(table.caption) == "Side one"
    rows = [[flat(c.blocks[0].children) if c.blocks else "" for c in row.cells]  # type: ignore[union-attr]
            for row in table.rows]
    assert rows == [
        ["No.", "Title", "Writer(s)", "Length"],
        ["1.", "“Come Together”", "Lennon", "4:20"],
        ["2.", "“Something” (live)", "", "3:10"],
        ["Total length:", "7:30"],
    ]
    assert "John Lennon" in article.links


@pytest.mark.parametrize(
    ("wikitext", "expected"),
    [
        ("{{sclass|Iowa|battleship}}", "Iowa-class battleship"),
        ("{{format price|1234567890}}", "1.23 billion"),
        ("{{format price|2500000}}", "2.5 million"),
        ("{{bibleverse|1|John|3:16|KJV}}", "1 John 3:16"),
        ("{{dagger}}{{double dagger}}", "†‡"),
    ],
)
def test_misc_templates(wikitext: str, expected: str) -> None:
    assert text(f"[{wikitext}]") == f"[{expected}]"


@pytest.mark.parametrize(
    ("wikitext", "quote", "attribution"),
    [
        ("{{quote|text=Q.|author=A|source=S}}", "Q.", "A, S"),
        ("{{blockquote|Q.|A}}", "Q.", "A"),
        ("{{cquote|Q.|||A|S}}", "Q.", "A, S"),
        ("{{cquote|quote=Q.|author=A}}", "Q.", "A"),
        ("{{quote box|quote=Q.|author=A|source=S}}", "Q.", "A, S"),
        ("{{pull quote|Q.|author=A}}", "Q.", "A"),
        ("{{poem quote|Q.|char=A|title=S}}", "Q.", "A, S"),
    ],
)
def test_quotation_templates(wikitext: str, quote: str, attribution: str) -> None:
    article = parse(wikitext)
    quotes = [b for b in article.lead if isinstance(b, Blockquote)]
    assert len(quotes) == 1
    body = quotes[0].blocks[0]
    assert isinstance(body, Paragraph) and flat(body.children) == quote
    assert flat(quotes[0].attribution) == attribution


@pytest.mark.parametrize(
    ("wikitext", "expected"),
    [
        ("{{wikt-lang|fr|mot}}", "mot"),
        ("{{gaps|1|000|000}}", "1\u2009000\u2009000"),
        ("{{radic|2}}", "√2"),
        ("{{radic|8|3}}", "∛8"),
        ("1.5{{e|-7}}", "1.5×10−7"),
        ("{{10^|9}}", "109"),
        ("a{{dash}}b", "a – b"),
        ("A{{location map|France|lat=1|long=2}}B", "AB"),
    ],
)
def test_science_and_layout_templates(wikitext: str, expected: str) -> None:
    assert text(f"[{wikitext}]") == f"[{expected}]"


# --------------------------------------------------------------------------- QA fixes


@pytest.mark.parametrize(
    ("wikitext", "expected"),
    [
        ("{{USA}}", "United States"),
        ("{{UK}}", "United Kingdom"),
        ("{{GBR}}", "United Kingdom"),
        ("{{KOR}}", "South Korea"),
        ("{{flag|CZE}}", "Czech Republic"),
        ("{{flagcountry|US}}", "United States"),
        ("{{flagu|GER}}", "Germany"),
        ("{{flag|Peru}}", "Peru"),
        ("{{flagicon|USA}}x{{flagdeco|FRA}}", "x"),
    ],
)
def test_flag_shortcuts_show_the_country_name(wikitext: str, expected: str) -> None:
    article = parse(f"[{wikitext}]")
    assert flat(article.lead[0].children) == f"[{expected}]"  # type: ignore[union-attr]
    assert not article.unknown_templates


def test_flag_shortcut_links_the_country() -> None:
    article = parse("Born in {{USA}} and {{flagu|FRA}}.")
    assert article.links == ("United States",)


@pytest.mark.parametrize(
    ("wikitext", "expected"),
    [
        ("values {{emdash}} and {{endash}} more", "values — and – more"),
        ("French{{\\}}Bulgarian", "French / Bulgarian"),
        ("{{linktext|高麗|陶磁器}}", "高麗陶磁器"),
        ("{{BMV|ALSEA}}", "BMV: ALSEA"),
        ("{{NYSE|ABC}}", "NYSE: ABC"),
        ("{{Baseball year|1974}}–{{by|1979}}", "1974–1979"),
        ("{{nq|نام}}", "نام"),
        ("{{longitem|[[Holberg Prize]]}}", "Holberg Prize"),
    ],
)
def test_qa_inline_templates(wikitext: str, expected: str) -> None:
    article = parse(f"[{wikitext}]")
    assert flat(article.lead[0].children) == f"[{expected}]"  # type: ignore[union-attr]
    assert not article.unknown_templates


def test_baseball_year_links_the_season_and_ticker_the_exchange() -> None:
    article = parse("{{Baseball year|1974}} {{BMV|ALSEA}}")
    assert article.links == ("1974 Major League Baseball season", "Mexican Stock Exchange")


def test_nastaliq_text_is_tagged_urdu() -> None:
    spans = [n for n in para("{{Nastaliq|'''ایوان'''}}").children if isinstance(n, Span)]
    assert spans and spans[0].lang == "ur"


def test_official_redirect_is_a_link() -> None:
    links = [n for n in para("{{Official|http://example.org/}}").children
             if isinstance(n, ExternalLink)]
    assert links and links[0].url == "http://example.org/"
    assert flat(links[0].children) == "Official website"


@pytest.mark.parametrize("name", ["ublist", "unbulleted", "br separated entries"])
def test_unbulleted_list_redirects_put_items_on_lines(name: str) -> None:
    children = para(f"{{{{{name}|Prize A|Prize B}}}}").children
    assert flat(children) == "Prize A\nPrize B"


def test_ublist_in_an_infobox_keeps_its_row() -> None:
    article = parse("{{Infobox philosopher|name=X|awards={{ublist|Prize A|Prize B}}}}\nText.")
    assert article.infobox is not None
    awards = [f for f in article.infobox.fields if f.label == "Awards"]
    assert awards and awards[0].text == "Prize A, Prize B"


@pytest.mark.parametrize(
    ("wikitext", "expected"),
    [
        ("{{fb|ENG}}", "England"),
        ("{{fbu|21|ENG}}", "England U21"),
        ("{{based on|''Book''|Author}}", "Book by Author"),
        ("{{based on|X|A|B|C}}", "X by A, B and C"),
        ("{{duration|m=45|s=12}}", "45:12"),
        ("{{duration|1|2|3}}", "1:02:03"),
        ("{{native name|fr|Nom}}", "Nom"),
        ("{{post-nominals|country=GBR|KBE|FRS}}", "KBE FRS"),
        ("{{composition bar|10|100}}", "10 / 100"),
        ("{{percentage|1|4}}", "25%"),
        ("{{percentage|1|3|2}}", "33.33%"),
        ("{{pop density|1000|10|km2}}", "100/km² (259/sq mi)"),
        ("{{OldStyleDate|1 January|1700|21 December}}", "1 January 1700 [O.S. 21 December]"),
        ("{{weight|kg=80}}", "80 kg (180 lb)"),
        ("{{shipboxflag|UK|naval}}x", "x"),
    ],
)
def test_infobox_value_templates(wikitext: str, expected: str) -> None:
    article = parse(f"[{wikitext}]")
    assert flat(article.lead[0].children) == f"[{expected}]"  # type: ignore[union-attr]
    assert not article.unknown_templates


def test_fb_links_the_national_team() -> None:
    assert parse("{{fb|ENG}} {{fbw|USA}}").links == (
        "England national football team", "United States women's national football team")


def test_medal_record_rows_one_a_line_in_an_infobox() -> None:
    article = parse("{{Infobox sportsperson|name=X|medaltemplates={{MedalSport|Athletics}}\n"
                    "{{MedalGold|2000 Sydney|100 m}}\n{{MedalBronze|2004 Athens|200 m}}}}")
    assert article.infobox is not None
    row = article.infobox.fields[0]
    assert row.label == "Medal record"
    assert not isinstance(row.value[0], LineBreak)
    assert row.text == ("Athletics, Gold medal – first place 2000 Sydney – 100 m, "
                        "Bronze medal – third place 2004 Athens – 200 m")


def test_video_game_release_regions_one_a_line() -> None:
    children = para("{{Video game release|NA|March 1, 2001|EU|2002}}").children
    assert flat(children) == "NA: March 1, 2001\nEU: 2002"


def test_flag_variants_show_and_link_the_country() -> None:
    article = parse("{{flagIOC|USA|2008 Summer}}, {{flagg|uxx|France}}, "
                    "{{flaglink|Japan|Foreign relations of}}, {{flagbig|GER}}")
    assert flat(article.lead[0].children) == (  # type: ignore[union-attr]
        "United States, France, Japan, Germany")
    assert article.links == ("United States at the 2008 Summer Olympics", "France",
                             "Foreign relations of Japan", "Germany")
