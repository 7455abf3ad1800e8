"""Parser functions and magic words: the safe expression evaluator, conditionals,
#switch, #time, case and number functions, page names."""

from __future__ import annotations

import datetime as dt
import math

import pytest

from viewer.article import parse_article, to_text
from viewer.article.model import Link, Paragraph
from viewer.article.templates import parserfunctions
from viewer.article.templates.parserfunctions import (
    ExprError,
    evaluate,
    format_expr,
    time_format,
)


@pytest.fixture(autouse=True)
def fixed_now(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parserfunctions, "now", lambda: dt.datetime(2024, 3, 5, 14, 7, 9))


def text(wikitext: str, title: str = "Sample page") -> str:
    rendered = to_text(parse_article(wikitext, title), include_infobox=False)
    return rendered.split("\n", 1)[1].strip()


@pytest.mark.parametrize(
    ("expr", "value"),
    [
        ("1 + 2 * 3", 7),
        ("(1 + 2) * 3", 9),
        ("2 ^ 3 ^ 2", 64),
        ("-2 ^ 2", 4),
        ("7 mod 3", 1),
        ("-7 mod 3", -1),
        ("7.5 fmod 2", 1.5),
        ("10 / 4", 2.5),
        ("10 div 4", 2.5),
        ("1/3 round 3", 0.333),
        ("2.5 round 0", 3),
        ("-2.5 round 0", -3),
        ("1234 round -2", 1200),
        ("3 > 2 and 2 > 1", 1),
        ("3 < 2 or not 0", 1),
        ("1 = 1.0", 1),
        ("1 != 1", 0),
        ("2 <> 3", 1),
        ("2 <= 2", 1),
        ("1.5e3", 1500),
        ("abs -4 + floor 2.7 + ceil 0.2", 7),
        ("trunc -2.7", -2),
        ("sqrt 16", 4),
        ("pi", math.pi),
        ("1 + 2 round 0", 3),
    ],
)
def test_evaluate(expr: str, value: float) -> None:
    assert evaluate(expr) == pytest.approx(value)


@pytest.mark.parametrize(
    ("expr", "message"),
    [
        ("1 / 0", "Division by zero"),
        ("foo", 'Unrecognized word "foo"'),
        ("(1 + 2", "Missing close bracket"),
        ("1 +", "Missing operand"),
        ("1 2", "Missing operator"),
        ("2 $ 3", "Unrecognized punctuation"),
        ("__import__('os')", "Unrecognized punctuation"),
        ("(" * 300 + "1" + ")" * 300, "Stack exhausted"),
    ],
)
def test_evaluate_errors(expr: str, message: str) -> None:
    with pytest.raises(ExprError, match=message):
        evaluate(expr)


def test_format_expr() -> None:
    assert format_expr(14.0) == "14"
    assert format_expr(1 / 3) == "0.33333333333333"
    assert format_expr(-0.5) == "-0.5"
    assert format_expr(1e20) == "1.0E+20"
    assert format_expr(math.inf) == "INF"
    assert format_expr(math.nan) == "NAN"


def test_time_format() -> None:
    when = dt.datetime(2006, 6, 29, 9, 5, 3)
    assert time_format("j F Y", when) == "29 June 2006"
    assert time_format("Y-m-d H:i:s", when) == "2006-06-29 09:05:03"
    assert time_format("D, M n", when) == "Thu, Jun 6"
    assert time_format('l "the" jS', when) == "Thursday the 29S"
    assert time_format("\\Y Y", when) == "Y 2006"


@pytest.mark.parametrize(
    ("wikitext", "expected"),
    [
        ("{{#if: x | yes | no}}", "yes"),
        ("{{#if: | yes | no}}", "no"),
        ("{{#if:   <!-- only a comment --> | yes | no}}", "no"),
        ("{{#if: x | yes}}", "yes"),
        ("{{#if: | yes}}", ""),
        ("{{#ifeq: 01 | 1 | same | different}}", "same"),
        ("{{#ifeq: abc | ABC | same | different}}", "different"),
        ("{{#iferror: {{#expr: 1/0}} | bad | good}}", "bad"),
        ("{{#iferror: {{#expr: 1+1}} | bad}}", "2"),
        ("{{#ifexpr: 5 mod 2 | odd | even}}", "odd"),
        ("{{#ifexist: Some page | there | not here}}", "not here"),
        ("{{#switch: b | a = A | b | c = B or C | #default = D}}", "B or C"),
        ("{{#switch: 2010 | 2009 = old | 2010 = new}}", "new"),
        ("{{#switch: 1.0 | 1 = one | other}}", "one"),
        ("{{#switch: 2 | 1 = January | 2 = February | 3 = March}}", "February"),
        ("{{#switch: zz | a = A | fallback}}", "fallback"),
        ("{{#switch: zz | #default = D | a = A}}", "D"),
        ("{{#switch: zz | a = A}}", ""),
        ("{{#expr: 2 * (3 + 4)}}", "14"),
        ("{{#expr: foo}}", 'Expression error: Unrecognized word "foo".'),
        ("{{#time: j F Y | 2006-06-29}}", "29 June 2006"),
        ("{{#time: Y}}", "2024"),
        ("{{#titleparts: A/B/C | 1 | 2}}", "B"),
        ("{{#titleparts: A/B/C | 2}}", "A/B"),
        ("{{PAGENAME}}", "Sample page"),
        ("{{FULLPAGENAME}}", "Sample page"),
        ("{{PAGENAMEE}}", "Sample_page"),
        ("{{NAMESPACE}}", ""),
        ("{{SITENAME}}", "Wikipedia"),
        ("{{CURRENTYEAR}}", "2024"),
        ("{{CURRENTMONTH}}", "03"),
        ("{{CURRENTMONTHNAME}}", "March"),
        ("{{CURRENTDAY}}", "5"),
        ("{{CURRENTDAY2}}", "05"),
        ("{{lc:ABC Def}}", "abc def"),
        ("{{uc:abc}}", "ABC"),
        ("{{ucfirst:abc}}", "Abc"),
        ("{{lcfirst:ABC}}", "aBC"),
        ("{{ucfirst:{{lc:ABC}} def}}", "Abc def"),
        ("{{formatnum:1234567.89}}", "1,234,567.89"),
        ("{{formatnum:1,234|R}}", "1234"),
        ("{{padleft:7|3|0}}", "007"),
        ("{{padright:ab|5|xy}}", "abxyx"),
        ("{{urlencode:a b&c}}", "a+b%26c"),
        ("{{urlencode:a b|WIKI}}", "a_b"),
        # The rest of this block: cases from MediaWiki's parserTests.
        ("{{urlencode:hi world?!}}", "hi+world%3F%21"),
        ("{{urlencode:hi world?!|WIKI}}", "hi_world%3F!"),
        ("{{urlencode:hi world?!|PATH}}", "hi%20world%3F%21"),
        ("{{anchorencode:foo bar©#%n}}", "foo_bar©#%n"),
        ("{{anchorencode: __pretty__please__}}", "pretty_please"),
        ("{{ns:01}}", "Talk"),
        ("{{ns:00}}", ""),
        ("{{ns:-1}}", "Special"),
        ("{{ns:uSeR tAlK}}", "User talk"),
        ("{{ns:User_talk}}", "User talk"),
        ("{{ns:Image}}", "File"),
        ("{{padleft:-Hello|7|Æ}}", "Æ-Hello"),
        ("{{padright:Hello-|7|Æ}}", "Hello-Æ"),
        ("{{uc:{{lc:FOO}}}}", "FOO"),
        ("{{#formatdate:2009-03-24}}", "2009-03-24"),
        ("{{#formatdate:2009-03-24|mdy}}", "March 24, 2009"),
        ("{{#formatdate:2009-03-24|dmy}}", "24 March 2009"),
        ("{{#formatdate:2019-22-22|dmy}}", "2019-22-22"),
        ("{{anchorencode:Some title}}", "Some_title"),
        ("{{ns:14}}", "Category"),
        ("{{ns:file}}", "File"),
        ("{{plural:1|item|items}}", "item"),
        ("{{plural:3|item|items}}", "items"),
    ],
)
def test_parser_functions_in_text(wikitext: str, expected: str) -> None:
    assert text(f"[{wikitext}]") == f"[{expected}]"


def test_chosen_branch_is_parsed_as_wikitext() -> None:
    article = parse_article("{{#if: yes | A [[Link target|link]] here | [[Other]]}}.", "T")
    first = article.lead[0]
    assert isinstance(first, Paragraph)
    links = [n for n in first.children if isinstance(n, Link)]
    assert [(lnk.target) for lnk in links] == ["Link target"]
    assert article.links == ("Link target",)


def test_block_branch_becomes_blocks() -> None:
    article = parse_article("{{#if: yes |\n* one\n* two\n}}", "T")
    rendered = to_text(article)
    assert "one" in rendered and "two" in rendered
    assert "{{" not in rendered and "*" not in rendered


def test_named_looking_argument_is_literal_in_if() -> None:
    assert text("[{{#if: x | a=b | c}}]") == "[a=b]"


def test_invoke_is_recorded_as_unknown() -> None:
    article = parse_article("A {{#invoke:String|len|abc}} B", "T")
    assert [t.name for t in article.unknown_templates] == ["#invoke"]
    assert "{{" not in to_text(article)


def test_parser_function_branches_render_nested_templates() -> None:
    assert text("[{{#if: y | {{convert|10|km|mi|abbr=on}} }}]") == "[10 km (6.2 mi)]"
    assert text("[{{#switch: {{lc:B}} | b = {{ndash}} }}]") == "[–]"


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("FULLPAGENAME", "User:Ævar Arnfjörð Bjarmason/sub ö"),
        ("FULLPAGENAMEE", "User:%C3%86var_Arnfj%C3%B6r%C3%B0_Bjarmason/sub_%C3%B6"),
        ("PAGENAME", "Ævar Arnfjörð Bjarmason/sub ö"),
        ("SUBPAGENAME", "sub ö"),
        ("SUBPAGENAMEE", "sub_%C3%B6"),
        ("ROOTPAGENAME", "Ævar Arnfjörð Bjarmason"),
        ("BASEPAGENAME", "Ævar Arnfjörð Bjarmason"),
        ("TALKPAGENAME", "User talk:Ævar Arnfjörð Bjarmason/sub ö"),
        ("NAMESPACE", "User"),
        ("TALKSPACE", "User talk"),
    ],
)
def test_page_name_words_follow_mediawiki(word: str, expected: str) -> None:
    # Cases from MediaWiki's magicWords parser tests.
    assert text(f"[{{{{{word}}}}}]", "User:Ævar Arnfjörð Bjarmason/sub ö") == f"[{expected}]"


def test_articles_have_no_subpages() -> None:
    assert text("[{{BASEPAGENAME}}|{{SUBPAGENAME}}|{{TALKPAGENAME}}]", "AC/DC") == (
        "[AC/DC|AC/DC|Talk:AC/DC]")
