"""The inline family: pronunciation and language, ``{{convert}}``, typography, small
formatting templates, quotations, inline cleanup tags, lists, flags and coordinates.

Each handler returns what a reader sees in place of the call (``{{ndash}}`` -> ``–``,
``{{convert|10|km|mi}}`` -> ``10 kilometres (6.2 mi)``, ``{{IPAc-en|ˈ|f|uː}}`` ->
``/ˈfuː/``).  Links that templates produce go through ``ctx.inlines`` on synthesised
wikitext, so that the parser records them in ``Article.links`` like any other link.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from typing import Literal

from mwparserfromhell.wikicode import Wikicode

from viewer.article import units
from viewer.article.model import (
    Block,
    Blockquote,
    Figure,
    Gallery,
    Inline,
    LineBreak,
    ListBlock,
    ListItem,
    Media,
    Paragraph,
    Span,
    Style,
    StyleTag,
    Table,
    TableCell,
    TableRow,
    Text,
)
from viewer.article.templates import countries, datatables
from viewer.article.templates.base import Context, Nodes, TemplateCall, TemplateRegistry, Value

__all__ = ["LANGUAGES", "convert_text", "language_name", "register"]

_COMMENT = re.compile(r"<!--.*?(?:-->|$)", re.S)
_LINK_UNSAFE = re.compile(r"[\[\]{}|<>\n]")

LANGUAGES: dict[str, str] = {
    "af": "Afrikaans", "akk": "Akkadian", "am": "Amharic", "ang": "Old English",
    "ar": "Arabic", "arc": "Aramaic", "az": "Azerbaijani", "be": "Belarusian",
    "bg": "Bulgarian", "bn": "Bengali", "bo": "Tibetan", "br": "Breton", "bs": "Bosnian",
    "ca": "Catalan", "ce": "Chechen", "chr": "Cherokee", "cs": "Czech", "cy": "Welsh",
    "da": "Danish", "de": "German", "dv": "Dhivehi", "el": "Greek", "en": "English",
    "eo": "Esperanto", "es": "Spanish", "et": "Estonian", "eu": "Basque", "fa": "Persian",
    "fi": "Finnish", "fil": "Filipino", "fj": "Fijian", "fo": "Faroese", "fr": "French",
    "fy": "West Frisian", "ga": "Irish", "gd": "Scottish Gaelic", "gl": "Galician",
    "gn": "Guarani", "got": "Gothic", "grc": "Ancient Greek", "gsw": "Swiss German",
    "gu": "Gujarati", "gv": "Manx", "ha": "Hausa", "haw": "Hawaiian", "he": "Hebrew",
    "hi": "Hindi", "hr": "Croatian", "ht": "Haitian Creole", "hu": "Hungarian",
    "hy": "Armenian", "id": "Indonesian", "ig": "Igbo", "is": "Icelandic", "it": "Italian",
    "iu": "Inuktitut", "ja": "Japanese", "jv": "Javanese", "ka": "Georgian", "kk": "Kazakh",
    "km": "Khmer", "kn": "Kannada", "ko": "Korean", "ku": "Kurdish", "kw": "Cornish",
    "ky": "Kyrgyz", "la": "Latin", "lb": "Luxembourgish", "lo": "Lao", "lt": "Lithuanian",
    "lv": "Latvian", "mi": "Māori", "mk": "Macedonian", "ml": "Malayalam",
    "mn": "Mongolian", "mr": "Marathi", "ms": "Malay", "mt": "Maltese", "my": "Burmese",
    "nah": "Nahuatl", "nb": "Norwegian Bokmål", "ne": "Nepali", "nl": "Dutch",
    "nn": "Norwegian Nynorsk", "no": "Norwegian", "non": "Old Norse", "nv": "Navajo",
    "oc": "Occitan", "or": "Odia", "os": "Ossetian", "ota": "Ottoman Turkish",
    "pa": "Punjabi", "pi": "Pali", "pl": "Polish", "ps": "Pashto", "pt": "Portuguese",
    "qu": "Quechua", "rm": "Romansh", "ro": "Romanian", "ru": "Russian", "sa": "Sanskrit",
    "sco": "Scots", "se": "Northern Sami", "si": "Sinhala", "sk": "Slovak",
    "sl": "Slovene", "sm": "Samoan", "so": "Somali", "sq": "Albanian", "sr": "Serbian",
    "su": "Sundanese", "sux": "Sumerian", "sv": "Swedish", "sw": "Swahili",
    "syc": "Syriac", "ta": "Tamil", "te": "Telugu", "tg": "Tajik", "th": "Thai",
    "tk": "Turkmen", "tl": "Tagalog", "to": "Tongan", "tr": "Turkish", "tt": "Tatar",
    "ug": "Uyghur", "uk": "Ukrainian", "ur": "Urdu", "uz": "Uzbek", "vi": "Vietnamese",
    "xh": "Xhosa", "yi": "Yiddish", "yo": "Yoruba", "yue": "Cantonese", "zh": "Chinese",
    "zu": "Zulu", "egy": "Egyptian", "hbo": "Biblical Hebrew", "pt-br":
    "Brazilian Portuguese", "en-us": "American English", "en-gb": "British English",
    "fro": "Old French", "frm": "Middle French", "enm": "Middle English", "goh":
    "Old High German", "gmh": "Middle High German", "sga": "Old Irish", "peo": "Old Persian",
    "pal": "Middle Persian", "cu": "Old Church Slavonic", "orv": "Old East Slavic",
    "sh": "Serbo-Croatian", "pap": "Papiamento", "tpi": "Tok Pisin", "wo": "Wolof",
    "ceb": "Cebuano", "ilo": "Ilocano", "nan": "Min Nan", "hak": "Hakka", "wuu": "Wu",
    "cmn": "Mandarin", "lzh": "Classical Chinese", "ain": "Ainu", "ryu": "Okinawan",
    "frp": "Arpitan", "vec": "Venetian", "nap": "Neapolitan", "scn": "Sicilian",
    "lmo": "Lombard", "pms": "Piedmontese", "co": "Corsican", "sc": "Sardinian",
    "ast": "Asturian", "an": "Aragonese", "wa": "Walloon", "li": "Limburgish",
    "nds": "Low German", "bar": "Bavarian", "ksh": "Colognian", "hsb": "Upper Sorbian",
    "csb": "Kashubian", "szl": "Silesian", "rue": "Rusyn", "yue-hk": "Cantonese",
}
"""Language code -> English name (the ``lang-xx`` and ``IPA-xx`` labels)."""


def language_name(code: str) -> str:
    """The English name of a language code (``fr`` -> ``French``; ``pt-BR`` ->
    ``Brazilian Portuguese``; ``de-CH`` -> ``German``); ``""`` when unknown."""
    key = code.strip().lower()
    if key in LANGUAGES:
        return LANGUAGES[key]
    return LANGUAGES.get(key.split("-")[0], "")


def _latin(text: str) -> bool:
    """True when the letters of ``text`` are mostly Latin script (italicised by lang)."""
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return False
    latin = sum(1 for c in letters if ord(c) < 0x250 or 0x1E00 <= ord(c) <= 0x1EFF)
    return latin * 2 > len(letters)


def _raw(value: Value | None) -> str:
    if value is None:
        return ""
    return _COMMENT.sub("", str(value)).strip()


def _yes(value: str) -> bool:
    return value.strip().lower() in ("y", "yes", "on", "true", "1")


def _link(ctx: Context, target: str, text: str = "") -> tuple[Inline, ...]:
    """A wiki link built through the parser (so that it is recorded as a link)."""
    target = _LINK_UNSAFE.sub("", target).strip()
    text = text.strip()
    if not target:
        return (Text(text),) if text else ()
    if text and text != target:
        return ctx.inlines(f"[[{target}|{_LINK_UNSAFE.sub('', text)}]]")
    return ctx.inlines(f"[[{target}]]")


def _const(text: str) -> Callable[[TemplateCall, Context], Nodes]:
    def handler(call: TemplateCall, ctx: Context) -> Nodes:
        return (Text(text),)

    handler.__doc__ = f"Renders as {text!r}."
    return handler


def _nothing(call: TemplateCall, ctx: Context) -> Nodes:
    """Renders as nothing (layout helpers, anchors, flag icons)."""
    return ()


# --------------------------------------------------------------------------- pronunciation

# IPAc-en labels that may precede the transcription.
_IPAC_LABELS: dict[str, str] = {
    "lang": "English pronunciation: ",
    "pron": "pronounced ",
    "local": "locally ",
    "also": "also ",
    "uk": "UK: ",
    "us": "US: ",
    "aus": "Australian: ",
    "au": "Australian: ",
    "nz": "New Zealand: ",
    "ca": "Canadian: ",
    "can": "Canadian: ",
    "ie": "Irish: ",
    "sa": "South African: ",
    "in": "Indian: ",
    "uklang": "British English: ",
    "uslang": "American English: ",
    "ukalso": "UK also ",
    "usalso": "US also ",
    "ukpron": "British pronunciation: ",
    "uspron": "American pronunciation: ",
    "ipa": "",
}


def ipac_en(call: TemplateCall, ctx: Context) -> Nodes:
    """``{{IPAc-en|ˌ|l|ɛ|...}}`` -> ``/ˌlɛ.../``; leading labels (``lang``, ``pron``,
    ``US``, ``UK``...) become prefixes; ``;``/``,`` pieces start another transcription."""
    out: list[Inline] = []
    pieces: list[str] = []
    pending_label = ""

    def flush() -> None:
        nonlocal pending_label
        if pieces:
            body = "".join(pieces)
            if pending_label:
                out.append(Text(pending_label))
            out.append(Span("ipa", (Text(f"/{body}/"),), lang="en-fonipa"))
            pieces.clear()
            pending_label = ""

    for value in call.positional():
        piece = _raw(value)
        key = piece.lower()
        if not pieces and key in _IPAC_LABELS:
            pending_label += _IPAC_LABELS[key]
            continue
        if piece in (",", ";"):
            flush()
            out.append(Text(f"{piece} "))
            continue
        if pieces and key in _IPAC_LABELS and key != "in":
            flush()
            pending_label = _IPAC_LABELS[key]
            continue
        piece = piece.replace("_", " ").replace("-", "")
        pieces.append(piece)
    flush()
    if not out and pending_label:
        return ()
    return tuple(out)


def _ipa_body(text: str) -> str:
    if text.startswith(("/", "[", "⟨")):
        return text
    return f"[{text}]"


def _ipa_label(code: str, label: str | None) -> str:
    name = language_name(code)
    if label is None:
        return f"{name} pronunciation: " if name else ""
    key = label.strip().lower()
    if key == "":
        return ""
    if key == "lang":
        return f"{name}: " if name else ""
    if key == "pron":
        return "pronounced "
    if key == "local":
        return "locally "
    return label.strip() + " "


def ipa(call: TemplateCall, ctx: Context) -> Nodes:
    """``{{IPA|/ˈfuː/}}`` (plain transcription) and ``{{IPA|fr|bɔ̃ʒuʁ|...}}`` (language
    form, labelled like ``{{IPA-fr}}``)."""
    args = call.positional()
    if not args:
        return ()
    first = _raw(args[0])
    if len(args) >= 2 and re.match(r"^[a-z]{2,3}(-[a-zA-Z0-9]+)*$", first):
        label = _raw(args[2]) if len(args) >= 3 else None
        return _ipa_xx(first, args[1], label, ctx)
    return (Span("ipa", ctx.inlines(args[0]), lang="und-fonipa"),)


def _ipa_xx(code: str, value: Wikicode, label: str | None, ctx: Context) -> Nodes:
    text = ctx.text(value)
    prefix = _ipa_label(code, label)
    body: Nodes = (Span("ipa", (Text(_ipa_body(text)),), lang=f"{code}-fonipa"),)
    return ((Text(prefix),) if prefix else ()) + body


def ipa_xx(call: TemplateCall, ctx: Context) -> Nodes:
    """``{{IPA-fr|bɔ̃ʒuʁ}}`` -> ``French pronunciation: [bɔ̃ʒuʁ]`` (second argument:
    ``""`` no label, ``lang`` -> ``French:``, ``pron`` -> ``pronounced``)."""
    code = call.name[len("ipa-"):]
    args = call.positional()
    if not args:
        return ()
    label: str | None = None
    for key, value in call.params:
        if key == "2":
            label = _raw(value)
    return _ipa_xx(code, args[0], label, ctx)


def respell(call: TemplateCall, ctx: Context) -> Nodes:
    """``{{respell|LEN|ə|LID|oh|myde}}`` -> *LEN-ə-LID-oh-myde* (``_`` joins with a space)."""
    pieces = [_raw(v) for v in call.positional()]
    text = ""
    for i, piece in enumerate(pieces):
        if i and not text.endswith(" ") and not piece.startswith("_"):
            text += "-"
        text += piece.replace("_", " ")
    return (Style("i", (Text(text.strip()),)),) if text.strip() else ()


# --------------------------------------------------------------------------- languages


def lang(call: TemplateCall, ctx: Context) -> Nodes:
    """``{{lang|fr|texte}}``: the text tagged with its language; italic only on request
    (``italic=yes``) or where the text itself is marked up with ``''``."""
    code = call.raw("1")
    italic = call.raw("italic", "italics") or "unset"
    return _lang_text(code, call.get("2", "text"), italic, ctx)


def _lang_text(
    code: str, value: Wikicode | None, italic: str, ctx: Context
) -> tuple[Inline, ...]:
    """The text in a ``lang`` span; ``italic`` ``""`` means automatic (Latin script
    italic, as ``{{lang-xx}}`` does)."""
    if value is None:
        return ()
    inner = ctx.inlines(value)
    if not inner:
        return ()
    text = ctx.text(value)
    wants = italic.lower()
    if wants in ("no", "n", "off", "unset", "invert") or "''" in _raw(value):
        styled: tuple[Inline, ...] = inner
    elif wants in ("yes", "y", "on") or _latin(text):
        styled = (Style("i", inner),)
    else:
        styled = inner
    return (Span("lang", styled, lang=code),)


def lang_xx(call: TemplateCall, ctx: Context) -> Nodes:
    """``{{lang-fr|texte}}`` / ``{{langx|fr|texte}}`` -> ``French: texte`` (plus
    transliteration and ``lit.`` translation when given)."""
    if call.name in ("langx", "lang-x"):
        code = call.raw("1")
        text_value = call.get("2", "text")
        translit = call.get("3", "translit", "tr")
        literal = call.get("4", "lit", "translation")
    else:
        code = call.name[len("lang-"):]
        text_value = call.get("1", "text")
        translit = call.get("2", "translit", "tr")
        literal = call.get("3", "lit", "translation")
    name = language_name(code) or code
    out: list[Inline] = []
    if call.raw("label").lower() != "none":
        label = call.raw("label") or name
        out.append(Text(f"{label}: "))
    out.extend(_lang_text(code, text_value, call.raw("italic", "italics"), ctx))
    if translit is not None and _raw(translit):
        out.append(Text(", "))
        out.append(Style("i", ctx.inlines(translit)))
    if literal is not None and _raw(literal):
        out.append(Text(f", lit. '{ctx.text(literal)}'"))
    return tuple(out)


def transl(call: TemplateCall, ctx: Context) -> Nodes:
    """``{{transl|ar|DIN|text}}`` / ``{{transl|ja|text}}``: italic transliteration."""
    args = call.positional()
    if len(args) < 2:
        return tuple(ctx.inlines(args[0])) if args else ()
    code = _raw(args[0])
    return (Span("transl", (Style("i", ctx.inlines(args[-1])),), lang=f"{code}-Latn"),)


_ZH_LABELS = (
    ("c", "Chinese"), ("t", "traditional Chinese"), ("s", "simplified Chinese"),
    ("p", "pinyin"), ("tp", "Tongyong Pinyin"), ("w", "Wade–Giles"), ("j", "Jyutping"),
    ("cy", "Cantonese Yale"), ("poj", "Pe̍h-ōe-jī"), ("zhu", "Zhuyin Fuhao"),
    ("l", "lit."), ("tr", "trans."),
)


def zh(call: TemplateCall, ctx: Context) -> Nodes:
    """``{{zh|t=中國|s=中国|p=Zhōngguó}}`` -> ``traditional Chinese: 中國; ...``."""
    out: list[Inline] = []
    for key, label in _ZH_LABELS:
        value = call.get(key)
        if value is None:
            continue
        if out:
            out.append(Text("; "))
        if key == "l":
            out.append(Text(f"lit. '{ctx.text(value)}'"))
            continue
        out.append(Text(f"{label}: "))
        inner = ctx.inlines(value)
        if key in ("p", "tp", "w", "j", "cy", "poj"):
            out.append(Style("i", inner))
        else:
            out.append(Span("lang", inner, lang="zh"))
    return tuple(out)


def nihongo(call: TemplateCall, ctx: Context) -> Nodes:
    """``{{nihongo|Tokyo|東京|Tōkyō}}`` -> ``Tokyo (東京, Tōkyō)``; ``nihongo3`` puts
    the romaji first, ``nihongo2`` shows only the Japanese."""
    english = call.get("1")
    kanji = call.get("2")
    romaji = call.get("3")
    extra = call.get("4", "extra")
    jp: tuple[Inline, ...] = (
        (Span("lang", ctx.inlines(kanji), lang="ja"),) if kanji is not None else ()
    )
    ro: tuple[Inline, ...] = (Style("i", ctx.inlines(romaji)),) if romaji is not None else ()
    en: tuple[Inline, ...] = ctx.inlines(english) if english is not None else ()
    if call.name == "nihongo2":
        return jp
    if call.name == "nihongo3":
        head, inner = ro, [jp, en]
    elif en:
        head, inner = en, [jp, ro]
    else:
        head, inner = jp, [ro]
    parts = [p for p in inner if p]
    if extra is not None:
        parts.append(ctx.inlines(extra))
    out: list[Inline] = list(head)
    if parts:
        out.append(Text(" (" if head else "("))
        for i, part in enumerate(parts):
            if i:
                out.append(Text(", "))
            out.extend(part)
        out.append(Text(")"))
    return tuple(out)


# --------------------------------------------------------------------------- convert

_RANGE: dict[str, str] = {
    "to": " to ", "to(-)": " to ", "-": "–", "–": "–", "and": " and ", "or": " or ",
    "and(-)": " and ", "x": " × ", "×": " × ", "by": " by ", "+/-": " ± ", "±": " ± ",
    "&": " & ", ",": ", ", "to about": " to about ", "+": " + ",
}


def convert_text(
    args: Sequence[str], named: dict[str, str] | None = None
) -> str:
    """The text ``{{convert}}`` shows for positional ``args`` and ``named`` options.

    >>> convert_text(["10", "km", "mi"])
    '10 kilometres (6.2 mi)'
    >>> convert_text(["100", "C"], {"abbr": "on"})
    '100 °C (212 °F)'
    """
    named = named or {}
    pos = [a.strip() for a in args]
    if not pos or units.parse_number(pos[0]) is None:
        return " ".join(p for p in pos[:2] if p)
    values = [pos[0]]
    seps: list[str] = []
    i = 1
    while i + 1 < len(pos) and pos[i] in _RANGE and units.parse_number(pos[i + 1]) is not None:
        seps.append(_RANGE[pos[i]])
        values.append(pos[i + 1])
        i += 2
    if i >= len(pos):
        return _join(values, seps)
    in_code = pos[i]
    found = units.lookup(in_code)
    if found is None:
        return f"{_join(values, seps)} {in_code}"
    code, unit = found
    i += 1
    # Composite input: {{convert|5|ft|10|in|cm}}.
    extra: list[tuple[str, str]] = []
    while (
        len(values) == 1 and i + 1 < len(pos) and units.parse_number(pos[i]) is not None
        and (sub := units.lookup(pos[i + 1])) is not None
        and sub[1].dimension == unit.dimension
    ):
        extra.append((pos[i], sub[0]))
        i += 2
    out_codes: list[str] = []
    if i < len(pos) and pos[i] and units.parse_number(pos[i]) is None:
        out_codes = pos[i].split()
        i += 1
    if not out_codes:
        out_codes = unit.default.split()
    precision: int | None = None
    if i < len(pos) and re.match(r"^-?\d+$", pos[i]):
        precision = int(pos[i])
    abbr = named.get("abbr", "").lower()
    adj = _yes(named.get("adj", ""))
    us = named.get("sp", "").lower() == "us"
    disp = named.get("disp", "").lower()
    flip = disp == "flip" or named.get("order", "").lower() == "flip"
    temperature = unit.dimension == "temperature"
    sigfig = named.get("sigfig", "").strip()

    def shown(nums: list[float], raws: list[str], u: units.Unit, *, first: bool) -> str:
        text = _join(raws, seps)
        if abbr in ("values",):
            return text
        use_name = (
            abbr in ("off", "out") or (abbr == "" and first and not temperature)
        ) if first else abbr in ("off", "in")
        if not use_name:
            return f"{text} {u.symbol}"
        if adj and len(nums) == 1:
            return f"{text}-{units.unit_name(u, nums[-1], us=us, adjective=True)}"
        return f"{text} {units.unit_name(u, nums[-1], us=us)}"

    nums = [units.parse_number(v) or 0.0 for v in values]
    in_raws = [units.format_input(v) for v in values]
    if extra:
        total = nums[0]
        parts = [shown(nums, in_raws, unit, first=not flip)]
        for raw, sub_code in extra:
            sub_value = units.parse_number(raw) or 0.0
            total += units.convert(sub_value, sub_code, code)
            sub_unit = units.lookup(sub_code)
            assert sub_unit is not None  # it was looked up to get here
            parts.append(shown([sub_value], [units.format_input(raw)], sub_unit[1],
                               first=not flip))
        in_text = " ".join(parts)
        nums = [total]
        raws_for_prec = [extra[-1][0]]
        prec_unit = extra[-1][1]
    else:
        in_text = shown(nums, in_raws, unit, first=not flip)
        raws_for_prec = values
        prec_unit = code
    outs: list[str] = []
    for out_code in out_codes:
        mixed = _MIXED.get(out_code)
        if mixed is not None and mixed[0] == unit.dimension:
            names = abbr in ("off", "in") if not flip else abbr in ("off", "out", "")
            outs.append(_join([_mixed_text(units.convert(n, code, mixed[2]), mixed, names)
                               for n in nums], seps))
            continue
        target = units.lookup(out_code)
        if target is None or target[1].dimension != unit.dimension:
            continue
        converted: list[str] = []
        for raw, value in zip(raws_for_prec, nums, strict=False):
            result = units.convert(value, code, target[0])
            if sigfig.isdigit() and int(sigfig) > 0 and result:
                prec = int(sigfig) - 1 - math.floor(math.log10(abs(result)))
            elif precision is not None:
                prec = precision
            else:
                source_value = units.parse_number(raw) or 0.0
                prec = units.default_precision(raw, source_value, prec_unit, target[0])
                if extra:
                    prec = max(prec, units.default_precision(raw, value, code, target[0]))
            converted.append(units.format_number(result, prec))
        outs.append(shown([units.convert(n, code, target[0]) for n in nums], converted,
                          target[1], first=flip))
    if not outs:
        return in_text
    out_text = "; ".join(outs)
    if disp in ("output only", "out"):
        return out_text
    if disp == "or":
        return f"{in_text} or {out_text}"
    if disp in ("comma", ","):
        return f"{in_text}, {out_text}"
    if disp == "slash":
        return f"{in_text}/{out_text}"
    if disp == "sqbr":
        return f"{in_text} [{out_text}]"
    if flip:
        return f"{out_text} ({in_text})"
    return f"{in_text} ({out_text})"


# Mixed-unit outputs: code -> (dimension, big unit, small unit, small per big).
_MIXED: dict[str, tuple[str, str, str, int]] = {
    "ftin": ("length", "ft", "in", 12),
    "stlb": ("mass", "st", "lb", 14),
    "lboz": ("mass", "lb", "oz", 16),
}


def _mixed_text(small_total: float, mixed: tuple[str, str, str, int], names: bool) -> str:
    """``73.8`` inches -> ``6 ft 2 in`` (``6 feet 2 inches`` with names)."""
    _, big, small, per = mixed
    negative = small_total < 0
    big_count, small_count = divmod(round(abs(small_total)), per)
    big_unit, small_unit = units.UNITS[big], units.UNITS[small]
    parts: list[str] = []
    if big_count:
        word = units.unit_name(big_unit, big_count) if names else big_unit.symbol
        parts.append(f"{big_count:,} {word}")
    # The small unit is always shown, as Wikipedia does ("6 ft 0 in").
    word = units.unit_name(small_unit, small_count) if names else small_unit.symbol
    parts.append(f"{small_count} {word}")
    return ("−" if negative else "") + " ".join(parts)


def _join(values: Sequence[str], seps: Sequence[str]) -> str:
    text = values[0] if values else ""
    for sep, value in zip(seps, values[1:], strict=False):
        text += sep + value
    return text


def convert(call: TemplateCall, ctx: Context) -> Nodes:
    """``{{convert|10|km|mi}}`` -> ``10 kilometres (6.2 mi)``; ``{{cvt}}`` abbreviates."""
    args = [ctx.text(v) for v in call.positional()]
    named = {k: _raw(v) for k, v in call.params if not k.isdigit()}
    if call.name == "cvt":
        named.setdefault("abbr", "on")
    text = convert_text(args, named)
    return (Text(text),) if text else ()


# --------------------------------------------------------------------------- formatting


def _wrap(tag: StyleTag) -> Callable[[TemplateCall, Context], Nodes]:
    def handler(call: TemplateCall, ctx: Context) -> Nodes:
        inner = ctx.inlines(call.get("1", "text"))
        return (Style(tag, inner),) if inner else ()

    handler.__doc__ = f"The first argument in a <{tag}> style."
    return handler


def _span(css: str) -> Callable[[TemplateCall, Context], Nodes]:
    def handler(call: TemplateCall, ctx: Context) -> Nodes:
        inner = ctx.inlines(call.get("1", "text"))
        return (Span(css, inner),) if inner else ()

    handler.__doc__ = f"The first argument in a {css!r} span."
    return handler


def _first(call: TemplateCall, ctx: Context) -> Nodes:
    """The first argument as it is (templates that only style or wrap it)."""
    return ctx.inlines(call.get("1", "text"))


def _last(call: TemplateCall, ctx: Context) -> Nodes:
    """The ``text=`` or last positional argument (``{{font color|red|text}}``,
    ``{{font|text=x|size=90%}}``)."""
    named = call.get("text")
    if named is not None:
        return ctx.inlines(named)
    args = call.positional()
    return ctx.inlines(args[-1]) if args else ()


def resize(call: TemplateCall, ctx: Context) -> Nodes:
    """``{{resize|85%|text}}`` / ``{{resize|text}}``: smaller text."""
    args = call.positional()
    if not args:
        return ()
    inner = ctx.inlines(args[-1])
    size = _raw(args[0]) if len(args) > 1 else "90%"
    tag: StyleTag = "big" if size.rstrip("%").isdigit() and int(size.rstrip("%")) > 100 else "small"
    return (Style(tag, inner),)


def abbr(call: TemplateCall, ctx: Context) -> Nodes:
    """``{{abbr|MDS|myelodysplastic syndrome}}``: abbreviation with its expansion as title."""
    inner = ctx.inlines(call.get("1"))
    return (Style("abbr", inner, title=ctx.text(call.get("2"))),) if inner else ()


def tooltip(call: TemplateCall, ctx: Context) -> Nodes:
    """``{{tooltip|text|title}}``: text with a tooltip."""
    inner = ctx.inlines(call.get("1"))
    return (Span("tooltip", inner, title=ctx.text(call.get("2"))),) if inner else ()


def code(call: TemplateCall, ctx: Context) -> Nodes:
    """``{{code|x = 1}}``: literal code."""
    value = call.get("1", "code")
    text = _raw(value)
    return (Style("code", (Text(text),)),) if text else ()


def keypress(call: TemplateCall, ctx: Context) -> Nodes:
    """``{{keypress|Ctrl|C}}`` -> Ctrl+C as keys."""
    out: list[Inline] = []
    for i, value in enumerate(call.positional()):
        if i:
            out.append(Text("+"))
        out.append(Style("kbd", ctx.inlines(value)))
    return tuple(out)


def char(call: TemplateCall, ctx: Context) -> Nodes:
    """``{{char|x}}`` -> ⟨x⟩."""
    return (Text("⟨"), *ctx.inlines(call.get("1")), Text("⟩"))


_VULGAR = {
    ("1", "2"): "½", ("1", "3"): "⅓", ("2", "3"): "⅔", ("1", "4"): "¼", ("3", "4"): "¾",
    ("1", "5"): "⅕", ("2", "5"): "⅖", ("3", "5"): "⅗", ("4", "5"): "⅘", ("1", "6"): "⅙",
    ("5", "6"): "⅚", ("1", "8"): "⅛", ("3", "8"): "⅜", ("5", "8"): "⅝", ("7", "8"): "⅞",
}


def frac(call: TemplateCall, ctx: Context) -> Nodes:
    """``{{frac|2|3|4}}`` -> 2¾; ``{{frac|3|7}}`` -> 3⁄7; ``{{frac|8}}`` -> 1⁄8."""
    args = [ctx.text(v) for v in call.positional()]
    if not args:
        return ()
    if len(args) == 1:
        whole, num, den = "", "1", args[0]
    elif len(args) == 2:
        whole, num, den = "", args[0], args[1]
    else:
        whole, num, den = args[0], args[1], args[2]
    vulgar = _VULGAR.get((num, den))
    if vulgar is not None:
        return (Text(f"{whole}{vulgar}"),)
    out: list[Inline] = []
    if whole:
        out.append(Text(whole))
    out += [Style("sup", (Text(num),)), Text("⁄"), Style("sub", (Text(den),))]
    return tuple(out)


def math_template(call: TemplateCall, ctx: Context) -> Nodes:
    """``{{math|''x''<sup>2</sup>}}``: formula in wikitext, kept as styled text."""
    inner = ctx.inlines(call.get("1"))
    return (Span("texhtml", inner),) if inner else ()


def mvar(call: TemplateCall, ctx: Context) -> Nodes:
    """``{{mvar|x}}``: an italic math variable."""
    inner = ctx.inlines(call.get("1"))
    return (Style("var", inner),) if inner else ()


def sic(call: TemplateCall, ctx: Context) -> Nodes:
    """``{{sic|teh}}`` -> ``teh [sic]``; ``hide=y`` shows the text only."""
    parts: list[Inline] = []
    for value in call.positional():
        parts.extend(ctx.inlines(value))
    if _yes(call.raw("hide")):
        return tuple(parts)
    marker = Span("sic", (Text("[sic]"),))
    return (*parts, Text(" "), marker) if parts else (marker,)


_CURRENCY: dict[str, str] = {
    "us$": "US$", "usd": "US$", "a$": "A$", "aud": "A$", "£": "£", "gbp": "£", "€": "€",
    "eur": "€", "nz$": "NZ$", "nzd": "NZ$", "ca$": "CA$", "cad": "CA$", "hk$": "HK$",
    "hkd": "HK$", "s$": "S$", "sgd": "S$", "¥": "¥", "jpy": "¥", "yen": "¥", "inr": "₹",
    "₹": "₹", "r$": "R$", "brl": "R$", "chf": "CHF ", "rmb": "CN¥", "cny": "CN¥",
    "₩": "₩", "krw": "₩", "₽": "₽", "rub": "₽", "zar": "R", "nt$": "NT$", "twd": "NT$",
}


def currency(call: TemplateCall, ctx: Context) -> Nodes:
    """``{{US$|1000}}`` -> ``US$1,000`` (a year argument is ignored)."""
    symbol = _CURRENCY.get(call.name, call.raw_name)
    amount = ctx.text(call.get("1"))
    if not amount:
        return (Text(symbol.strip()),)
    return (Text(symbol + units.format_input(amount)),)


def inflation(call: TemplateCall, ctx: Context) -> Nodes:
    """``{{inflation|US|100|1950}}``: the amount as given (no price index offline)."""
    amount = ctx.text(call.get("2"))
    return (Text(units.format_input(amount)),) if amount else ()


# --------------------------------------------------------------------------- quotations


def _quote_parts(call: TemplateCall) -> tuple[Wikicode | None, list[Wikicode | None]]:
    name = call.name
    if name == "cquote":
        # Old calls were {{cquote|quote|width|align|person|source}}.
        return call.get("quote", "text", "1"), [
            call.get("author", "person", "4"), call.get("title", "source", "5")
        ]
    if name in ("quote box", "quotebox"):
        return call.get("quote", "1"), [call.get("author", "2"), call.get("source", "3")]
    if name in ("pull quote", "rquote"):
        return call.get("quote", "text", "1", "2"), [
            call.get("author", "2", "3"), call.get("source", "3", "4")
        ]
    if name == "poem quote":
        return call.get("text", "1"), [
            call.get("char", "person", "sign", "2"), call.get("title", "source", "3")
        ]
    return call.get("text", "quote", "1"), [
        call.get("author", "sign", "cite", "2"),
        call.get("title", "source", "3"),
        call.get("source", "4") if call.get("title") is not None else None,
    ]


def quote(call: TemplateCall, ctx: Context) -> Nodes:
    """``{{quote|text|author|source}}`` (and ``blockquote``, ``cquote``, ``quote box``,
    ``pull quote``, ``poem quote``): a block quotation with its attribution."""
    text_value, attribution_values = _quote_parts(call)
    blocks: tuple[Block, ...] = ctx.blocks(text_value) if text_value is not None else ()
    attribution: list[Inline] = []
    for value in attribution_values:
        if value is None or not _raw(value):
            continue
        inner = ctx.inlines(value)
        if not inner:
            continue
        if attribution:
            attribution.append(Text(", "))
        attribution.extend(inner)
    if not blocks and not attribution:
        return ()
    return (Blockquote(blocks, tuple(attribution)),)


# --------------------------------------------------------------------------- cleanup tags
# (the navbox family registers the other inline maintenance tags: dubious, clarify...)

_INLINE_TAGS: dict[str, str] = {
    "citation needed": "citation needed",
    "cn": "citation needed",
    "fact": "citation needed",
    "citeneeded": "citation needed",
    "citation required": "citation needed",
    "ref needed": "citation needed",
    "verification failed": "failed verification",
    "doubtful": "dubious – discuss",
    "pn": "page needed",
    "primary source inline": "non-primary source needed",
    "or inline": "original research?",
    "third-party inline": "third-party source needed",
    "disputed inline": "disputed – discuss",
    "additional citation needed": "additional citation(s) needed",
    "request quotation": "quotation needed",
    "neutrality disputed inline": "neutrality is disputed",
    "not in citation given": "failed verification",
    "volume needed": "volume needed",
    "time needed": "time needed",
    "page range too broad": "page range too broad",
    "inconsistent": "inconsistent",
    "contradictory inline": "contradictory",
}
_SPAN_TAGS: dict[str, str] = {
    "citation needed span": "citation needed",
    "cn span": "citation needed",
    "fact span": "citation needed",
    "dubious span": "dubious – discuss",
    "vague span": "vague",
    "failed verification span": "failed verification",
    "disputed span": "disputed – discuss",
}


def cleanup_tag(call: TemplateCall, ctx: Context) -> Nodes:
    """``{{citation needed}}`` -> superscript ``[citation needed]`` (and the other inline
    tags; the hatnote/navbox family may register its own versions of some)."""
    label = _INLINE_TAGS.get(call.name, call.name)
    return (Style("sup", (Span("citation-needed", (Text(f"[{label}]"),)),)),)


def cleanup_span(call: TemplateCall, ctx: Context) -> Nodes:
    """``{{citation needed span|text}}``: the text, then the tag."""
    label = _SPAN_TAGS.get(call.name, "citation needed")
    inner = ctx.inlines(call.get("1", "text"))
    marker = Style("sup", (Span("citation-needed", (Text(f"[{label}]"),)),))
    return (Span("citation-needed-span", inner), marker)


# --------------------------------------------------------------------------- lists


def _items(ctx: Context, values: Sequence[Wikicode]) -> list[tuple[Inline, ...]]:
    """List items from positional arguments, or from ``*`` lines in one argument."""
    items: list[tuple[Inline, ...]] = []
    for value in values:
        raw = _raw(value)
        if not raw:
            continue
        if raw.lstrip().startswith(("*", "#")):
            # The list starts a line in the rendered template: make the parser see that.
            for block in ctx.blocks("\n" + str(value).strip()):
                if isinstance(block, ListBlock):
                    items.extend(item.children for item in block.items if item.children)
                elif isinstance(block, Paragraph) and block.children:
                    items.append(block.children)
            continue
        inline = ctx.inlines(value)
        if inline:
            items.append(inline)
    return items


def _joined(items: list[tuple[Inline, ...]], sep: Inline) -> Nodes:
    out: list[Inline] = []
    for i, item in enumerate(items):
        if i:
            out.append(sep)
        out.extend(item)
    return tuple(out)


def hlist(call: TemplateCall, ctx: Context) -> Nodes:
    """``{{hlist|a|b}}`` / ``{{flatlist|* a\n* b}}``: items joined with `` · ``."""
    return _joined(_items(ctx, call.positional()), Text(" · "))


def ubl(call: TemplateCall, ctx: Context) -> Nodes:
    """``{{ubl|a|b}}`` / ``{{plainlist|...}}``: items on their own lines."""
    return _joined(_items(ctx, call.positional()), LineBreak())


def bulleted_list(call: TemplateCall, ctx: Context) -> Nodes:
    """``{{bulleted list|a|b}}`` / ``{{ordered list|a|b}}``: a real list block."""
    items = _items(ctx, call.positional())
    if not items:
        return ()
    kind: Literal["ul", "ol"] = "ol" if call.name == "ordered list" else "ul"
    return (ListBlock(kind, tuple(ListItem("li", item) for item in items)),)


# --------------------------------------------------------------------------- misc


def line_break(call: TemplateCall, ctx: Context) -> Nodes:
    """``{{break}}`` / ``{{break|2}}``: line breaks."""
    count = call.raw("1")
    n = int(count) if count.isdigit() else 1
    return tuple(LineBreak() for _ in range(max(1, min(n, 10))))


def nbsp(call: TemplateCall, ctx: Context) -> Nodes:
    """``{{nbsp}}`` / ``{{nbsp|3}}``: non-breaking spaces."""
    count = call.raw("1")
    n = int(count) if count.isdigit() else 1
    return (Text("\u00a0" * max(1, min(n, 20))),)


def _prefixed(prefix: str, joiner: str) -> Callable[[TemplateCall, Context], Nodes]:
    def handler(call: TemplateCall, ctx: Context) -> Nodes:
        args = [a for a in call.positional() if _raw(a)]
        out: list[Inline] = [Text(prefix.strip() if not args else prefix)]
        for i, value in enumerate(args):
            if i:
                out.append(Text(joiner))
            out.extend(ctx.inlines(value))
        return tuple(out)

    handler.__doc__ = f"``{prefix.strip()}`` before a date or a date range."
    return handler


def flag(call: TemplateCall, ctx: Context) -> Nodes:
    """``{{flag|France}}`` / ``{{flagcountry|FRA}}`` / ``{{USA}}``: the country name,
    linked (the flag image itself is not available offline); ``{{flagu}}`` unlinked.
    Codes (ISO alpha-3/alpha-2, IOC, FIFA) become the name Wikipedia displays."""
    # ``{{USA}}``: the template name is the code; a positional is a flag variant.
    shortcut = call.name in countries.SHORTCUT_NAMES
    raw = call.name if shortcut else ctx.text(call.get("1"))
    if not raw:
        return ()
    name = countries.country_name(raw)
    shown = call.raw("name")  # the second argument is a flag variant, not a label
    if call.name in ("flagu",):
        return (Text(shown or name),)
    return _link(ctx, name, shown or name)


def flagathlete(call: TemplateCall, ctx: Context) -> Nodes:
    """``{{flagathlete|[[Name]]|USA}}`` -> Name (USA)."""
    return (*ctx.inlines(call.get("1")), Text(f" ({call.raw('2')})"))


def flag_ioc(call: TemplateCall, ctx: Context) -> Nodes:
    """``{{flagIOC|USA|2008 Summer}}`` -> "United States" linked to "United States at the
    2008 Summer Olympics" (the country alone without games); ``{{flagIOCathlete|Name|
    USA|2008 Summer}}`` -> Name (USA)."""
    if call.name == "flagiocathlete":
        return flagathlete(call, ctx)
    code = call.raw("1")
    if not code:
        return ()
    name = countries.country_name(code)
    games = call.raw("2")
    if games:
        return _link(ctx, f"{name} at the {games} Olympics", name)
    return _link(ctx, name, name)


def flag_variant(call: TemplateCall, ctx: Context) -> Nodes:
    """``{{flagg|xxx|France}}`` (the first argument is a display mode),
    ``{{flaglink|France|Foreign relations of}}`` (linked to "Foreign relations of
    France"), ``{{flagbig|France}}``: the country name."""
    if call.name == "flagg":
        raw = call.raw("2")
        name = countries.country_name(raw) if raw else ""
        return _link(ctx, name, call.raw("name") or name) if name else ()
    raw = call.raw("1")
    if not raw:
        return ()
    name = countries.country_name(raw)
    if call.name == "flaglink" and call.raw("2"):
        return _link(ctx, f"{call.raw('2')} {name}".strip(), name)
    return _link(ctx, name, name)


def coord(call: TemplateCall, ctx: Context) -> Nodes:
    """``{{coord|57|18|22|N|4|27|32|W}}`` -> ``57°18′22″N 4°27′32″W`` (no map);
    ``display=title`` alone renders nothing in the body."""
    display = call.raw("display").lower()
    if display and "inline" not in display and display.startswith(("t", "title")):
        return ()
    text = coord_text([_raw(v) for v in call.positional()])
    return (Span("geo", (Text(text),)),) if text else ()


def coord_text(args: Sequence[str]) -> str:
    """Format ``{{coord}}`` positional arguments as latitude/longitude text."""
    parts = [a for a in args if a and ":" not in a]
    hemis = [i for i, p in enumerate(parts) if p.upper() in ("N", "S", "E", "W")]
    if len(hemis) >= 2:
        lat_end, lon_end = hemis[0], hemis[1]
        lat = _dms(parts[:lat_end], parts[lat_end].upper())
        lon = _dms(parts[lat_end + 1:lon_end], parts[lon_end].upper())
        return f"{lat} {lon}"
    numbers = [units.parse_number(p) for p in parts[:2]]
    if len(numbers) == 2 and numbers[0] is not None and numbers[1] is not None:
        lat_v, lon_v = numbers[0], numbers[1]
        lat_s = parts[0].lstrip("-−+")
        lon_s = parts[1].lstrip("-−+")
        return f"{lat_s}°{'S' if lat_v < 0 else 'N'} {lon_s}°{'W' if lon_v < 0 else 'E'}"
    return ""


def _dms(parts: Sequence[str], hemi: str) -> str:
    marks = ("°", "′", "″")
    return "".join(f"{p}{marks[i]}" for i, p in enumerate(parts[:3])) + hemi


def interlanguage_link(call: TemplateCall, ctx: Context) -> Nodes:
    """``{{ill|Target|de|Ziel}}``: a link to the English target (``lt=`` text)."""
    target = call.raw("1")
    text = call.raw("lt", "display")
    return _link(ctx, target, text or target)


def wikt(call: TemplateCall, ctx: Context) -> Nodes:
    """``{{wikt|word|text}}``: the word (Wiktionary is not available offline)."""
    value = call.get("2") or call.get("1")
    return ctx.inlines(value) if value is not None else ()


def main_other(call: TemplateCall, ctx: Context) -> Nodes:
    """``{{main other|in articles|elsewhere}}``: we only show articles."""
    return ctx.inlines(call.get("1"))


def audio(call: TemplateCall, ctx: Context) -> Nodes:
    """``{{audio|File.ogg|label}}``: the label (no sound offline)."""
    return ctx.inlines(call.get("2"))


def angle_brackets(call: TemplateCall, ctx: Context) -> Nodes:
    """``{{angbr|x}}`` -> ⟨x⟩."""
    return (Text("⟨"), *ctx.inlines(call.get("1")), Text("⟩"))


_CHEM2_RE = re.compile(r"(?<=[A-Za-z\)\]])(\d+)")


def chem2(call: TemplateCall, ctx: Context) -> Nodes:
    """``{{chem2|H2O}}`` / ``{{chem|H|2|O}}``: digits after an element become subscripts."""
    pieces = call.positional() if call.name == "chem" else call.positional()[:1]
    raw = "".join(_raw(v) for v in pieces)
    out: list[Inline] = []
    pos = 0
    for m in _CHEM2_RE.finditer(raw):
        if m.start() > pos:
            out.append(Text(raw[pos:m.start()]))
        out.append(Style("sub", (Text(m.group(1)),)))
        pos = m.end()
    if pos < len(raw):
        out.append(Text(raw[pos:]))
    return (Span("chem-formula", tuple(out)),) if out else ()


def url(call: TemplateCall, ctx: Context) -> Nodes:
    """``{{URL|example.com|Example}}`` -> a link to ``https://example.com`` shown as
    ``example.com`` (or the given text)."""
    raw = call.raw("1", "url")
    if not raw:
        return ()
    target = raw if re.match(r"^[a-z][a-z0-9+.\-]*://", raw, re.I) or raw.startswith("//") \
        else f"https://{raw}"
    shown = call.raw("2", "name") or re.sub(r"^[a-z][a-z0-9+.\-]*://(www\.)?", "", raw,
                                             flags=re.I).rstrip("/")
    return ctx.inlines(f"[{_LINK_UNSAFE.sub('', target)} {shown}]")


def official_website(call: TemplateCall, ctx: Context) -> Nodes:
    """``{{official website|example.com}}`` -> "Official website" linked."""
    raw = call.raw("1", "url", "URL")
    if not raw:
        return ()
    target = raw if "://" in raw or raw.startswith("//") else f"https://{raw}"
    shown = call.raw("name", "2") or "Official website"
    return ctx.inlines(f"[{_LINK_UNSAFE.sub('', target)} {shown}]")


def linktext(call: TemplateCall, ctx: Context) -> Nodes:
    """``{{linktext|高麗|陶磁器}}`` -> ``高麗陶磁器``: every positional part, in order (on
    Wikipedia each part links to its Wiktionary entry; the text is what matters)."""
    out: list[Inline] = []
    for value in call.positional():
        out.extend(ctx.inlines(value))
    return tuple(out)


# Sports season templates: name -> (season article pattern, shown text pattern).
_SEASON_YEARS: dict[str, tuple[str, str]] = {
    "baseball year": ("{y} Major League Baseball season", "{y}"),
    "by": ("{y} Major League Baseball season", "{y}"),
    "mlby": ("{y} Major League Baseball season", "{y}"),
    "nfl year": ("{y} NFL season", "{y}"),
    "nfly": ("{y} NFL season", "{y}"),
    "afl year": ("{y} AFL season", "{y}"),
    "nhl year": ("{y}–{n} NHL season", "{y}–{n}"),
    "nba year": ("{y}–{n} NBA season", "{y}–{n}"),
}


def season_year(call: TemplateCall, ctx: Context) -> Nodes:
    """``{{Baseball year|1974}}`` -> ``1974`` linked to "1974 Major League Baseball
    season" (``{{NFL year}}``, ``{{NBA year}}``... alike)."""
    year = call.raw("1")
    if not year.isdigit():
        return ctx.unknown(call)
    target, shown = _SEASON_YEARS[call.name]
    following = f"{(int(year) + 1) % 100:02d}"
    return _link(ctx, target.format(y=year, n=following), shown.format(y=year, n=following))


# Stock-exchange ticker templates: name -> (shown prefix, exchange article).
_EXCHANGES: dict[str, tuple[str, str]] = {
    "nyse": ("NYSE", "New York Stock Exchange"),
    "nyse american": ("NYSE American", "NYSE American"),
    "nyse arca": ("NYSE Arca", "NYSE Arca"),
    "nasdaq": ("Nasdaq", "Nasdaq"),
    "lse": ("LSE", "London Stock Exchange"),
    "tsx": ("TSX", "Toronto Stock Exchange"),
    "tsx-v": ("TSX-V", "TSX Venture Exchange"),
    "tsxv": ("TSX-V", "TSX Venture Exchange"),
    "asx": ("ASX", "Australian Securities Exchange"),
    "nzx": ("NZX", "New Zealand Exchange"),
    "bmv": ("BMV", "Mexican Stock Exchange"),
    "bovespa": ("B3", "B3 (stock exchange)"),
    "b3": ("B3", "B3 (stock exchange)"),
    "euronext": ("Euronext", "Euronext"),
    "fwb": ("FWB", "Frankfurt Stock Exchange"),
    "sehk": ("SEHK", "Hong Kong Stock Exchange"),
    "hkex": ("SEHK", "Hong Kong Stock Exchange"),
    "tyo": ("TYO", "Tokyo Stock Exchange"),
    "tse": ("TYO", "Tokyo Stock Exchange"),
    "bse": ("BSE", "Bombay Stock Exchange"),
    "nse": ("NSE", "National Stock Exchange of India"),
    "krx": ("KRX", "Korea Exchange"),
    "six": ("SIX", "SIX Swiss Exchange"),
    "jse": ("JSE", "Johannesburg Stock Exchange"),
    "sgx": ("SGX", "Singapore Exchange"),
    "twse": ("TWSE", "Taiwan Stock Exchange"),
    "sse": ("SSE", "Shanghai Stock Exchange"),
    "szse": ("SZSE", "Shenzhen Stock Exchange"),
    "omx": ("Nasdaq Nordic", "Nasdaq Nordic"),
    "otc pink": ("OTC Pink", "OTC Markets Group"),
    "bme": ("BME", "Bolsa de Madrid"),
    "bit": ("BIT", "Borsa Italiana"),
    "moex": ("MOEX", "Moscow Exchange"),
    "ise": ("ISE", "Euronext Dublin"),
    "wse": ("WSE", "Warsaw Stock Exchange"),
    "bcba": ("BCBA", "Buenos Aires Stock Exchange"),
    "bvl": ("BVL", "Lima Stock Exchange"),
    "bcs": ("BCS", "Santiago Stock Exchange"),
    "idx": ("IDX", "Indonesia Stock Exchange"),
    "myx": ("MYX", "Bursa Malaysia"),
    "pse": ("PSE", "Philippine Stock Exchange"),
    "set": ("SET", "Stock Exchange of Thailand"),
    "tase": ("TASE", "Tel Aviv Stock Exchange"),
    "tadawul": ("Tadawul", "Saudi Stock Exchange"),
    "egx": ("EGX", "Egyptian Exchange"),
    "bist": ("BİST", "Borsa Istanbul"),
    "psx": ("PSX", "Pakistan Stock Exchange"),
}


def stock_ticker(call: TemplateCall, ctx: Context) -> Nodes:
    """``{{NYSE|ABC}}`` -> ``NYSE: ABC`` (the exchange linked, as Wikipedia shows it;
    the symbol's quote page is an external site and left out)."""
    symbol = ctx.text(call.get("1"))
    if not symbol:
        return ctx.unknown(call)
    shown, article = _EXCHANGES[call.name]
    return (*_link(ctx, article, shown), Text(f": {symbol}"))


def script_span(code: str) -> Callable[[TemplateCall, Context], Nodes]:
    """Script wrappers such as ``{{Nastaliq|...}}`` / ``{{nq|...}}``: the text, tagged
    with its language (the font choice is the reader's)."""
    def handler(call: TemplateCall, ctx: Context) -> Nodes:
        inner = ctx.inlines(call.get("1", "text"))
        return (Span("lang", inner, lang=code),) if inner else ()

    handler.__doc__ = f"The text tagged with language ``{code}``."
    return handler


def marriage(call: TemplateCall, ctx: Context) -> Nodes:
    """``{{marriage|Jane Doe|1990|2000|end=div.}}`` -> ``Jane Doe (m. 1990; div. 2000)``."""
    who = ctx.inlines(call.get("1"))
    start = ctx.text(call.get("2"))
    finish = ctx.text(call.get("3"))
    reason = call.raw("end", "reason").rstrip(".").lower()
    words = {"div": "div.", "divorced": "div.", "d": "died", "died": "died",
             "death": "died", "sep": "sep.", "separated": "sep.", "annulled": "annulled",
             "ann": "annulled", "widowed": "wid.", "wid": "wid."}
    detail = ""
    if start:
        detail = f"m. {start}"
        if finish:
            word = words.get(reason, "")
            detail += f"; {word} {finish}" if word else f"–{finish}"
    out: list[Inline] = list(who)
    if detail:
        out.append(Text(f" ({detail})" if out else f"({detail})"))
    return tuple(out)


_TABLE_WORDS: dict[str, str] = {
    "yes": "Yes", "no": "No", "n/a": "N/A", "na": "N/A", "partial": "Partial",
    "dunno": "?", "unknown": "Unknown", "tba": "TBA", "tbd": "TBD", "won": "Won",
    "nom": "Nominated", "pending": "Pending", "some": "Some", "maybe": "Maybe",
    "optional": "Optional", "free": "Free", "nonfree": "Proprietary",
    "proprietary": "Proprietary", "beta": "Beta", "good": "Good", "bad": "Bad",
    "rh": "", "ya": "Yes", "sort": "", "active": "Active", "inactive": "Inactive",
    "y": "Yes", "n": "No", "included": "Included", "dropped": "Dropped",
    "depends": "Depends", "table-yes": "Yes", "table-no": "No", "okay": "Okay",
    "incorrect": "Incorrect", "unofficial": "Unofficial", "terminated": "Terminated",
}


def table_word(call: TemplateCall, ctx: Context) -> Nodes:
    """Table cell templates ``{{Yes}}``, ``{{No}}``, ``{{N/A}}``...: their text (an
    argument replaces the default word)."""
    given = call.get("1", "text")
    if given is not None:
        return ctx.inlines(given)
    word = _TABLE_WORDS.get(call.name, "")
    return (Text(word),) if word else ()


def val(call: TemplateCall, ctx: Context) -> Nodes:
    """``{{val|1.23|0.04|e=5|u=m}}`` -> ``1.23±0.04×10⁵ m`` (``ul=``/``up=`` units are
    shown, not linked: their targets are unit articles we cannot guess)."""
    number = call.raw("1")
    if not number:
        return ()
    out: list[Inline] = [Text(units.format_input(number))]
    plus, minus = call.raw("2"), call.raw("3")
    if plus and minus:
        out += [Style("sup", (Text(f"+{plus.lstrip('+')}"),)),
                Style("sub", (Text(f"−{minus.lstrip('-−')}"),))]
    elif plus:
        out.append(Text(f"±{plus}"))
    exponent = call.raw("e")
    if exponent:
        out += [Text("×10"), Style("sup", (Text(exponent.replace("-", "−")),))]
    unit = call.get("u", "ul", "up", "upl")
    if unit is not None:
        out += [Text(" "), *ctx.inlines(unit)]
    return tuple(out)


def ordinal_text(number: str) -> str:
    """``1`` -> ``1st``, ``12`` -> ``12th``, ``23`` -> ``23rd``."""
    digits = number.strip()
    if not digits.isdigit():
        return digits
    n = int(digits)
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{digits}{suffix}"


def ordinal(call: TemplateCall, ctx: Context) -> Nodes:
    """``{{ordinal|3}}`` -> ``3rd``."""
    text = ordinal_text(ctx.text(call.get("1")))
    return (Text(text),) if text else ()


_SHIP_PREFIXES = ("hms", "uss", "ss", "hmas", "hmcs", "hmnzs", "rms", "mv", "ins", "usns",
                  "usat", "uscgc", "sms", "hnlms", "hmt", "ts", "hmhs", "ns", "french ship",
                  "german ship", "italian ship", "japanese ship", "russian ship",
                  "spanish ship", "ship")


def ship(call: TemplateCall, ctx: Context) -> Nodes:
    """``{{HMS|Victory|1765}}`` / ``{{ship|HMS|Victory}}``: the ship's article linked,
    shown as ``HMS Victory``."""
    args = [_raw(v) for v in call.positional()]
    if call.name == "ship":
        prefix, rest = (args[0], args[1:]) if args else ("", [])
    else:
        prefix, rest = call.raw_name.strip(), args
    if not rest:
        return (Text(prefix),) if prefix else ()
    name = rest[0]
    ident = rest[1] if len(rest) > 1 else ""
    target = f"{prefix} {name}".strip() + (f" ({ident})" if ident else "")
    shown = f"{prefix} {name}".strip()
    return _link(ctx, target, shown)


def height(call: TemplateCall, ctx: Context) -> Nodes:
    """``{{height|m=1.85}}`` -> ``1.85 m (6 ft 1 in)``; ``{{height|ft=6|in=1}}`` the
    other way round."""
    metres = call.raw("m")
    if metres and units.parse_number(metres) is not None:
        total_in = (units.parse_number(metres) or 0.0) / 0.0254
        feet, inches = divmod(round(total_in), 12)
        return (Text(f"{metres} m ({feet} ft {inches} in)"),)
    feet_raw, inch_raw = call.raw("ft"), call.raw("in")
    if feet_raw or inch_raw:
        total = (units.parse_number(feet_raw) or 0.0) * 0.3048 + (
            units.parse_number(inch_raw) or 0.0) * 0.0254
        shown = " ".join(p for p in (f"{feet_raw} ft" if feet_raw else "",
                                      f"{inch_raw} in" if inch_raw else "") if p)
        return (Text(f"{shown} ({total:.2f} m)"),)
    return ()


def weight(call: TemplateCall, ctx: Context) -> Nodes:
    """``{{weight|kg=80}}`` -> ``80 kg (180 lb)``; ``lb=``/``st=`` the other way."""
    for key, target in (("kg", "lb"), ("lb", "kg"), ("st", "kg")):
        raw = call.raw(key)
        if raw and units.parse_number(raw) is not None:
            return (Text(convert_text([raw, key, target], {"abbr": "on"})),)
    return ctx.unknown(call)


def football_team(call: TemplateCall, ctx: Context) -> Nodes:
    """``{{fb|ENG}}`` -> "England" linked to the national football team (``fbw``: the
    women's team; ``{{fbu|21|ENG}}``: "England U21")."""
    if call.name == "fbu":
        age, code = call.raw("1"), call.raw("2")
        name = countries.country_name(code) if code else ""
        if not name or not age.isdigit():
            return ctx.unknown(call)
        return _link(ctx, f"{name} national under-{age} football team", f"{name} U{age}")
    code = call.raw("1")
    if not code:
        return ()
    name = countries.country_name(code)
    team = "women's national football team" if call.name == "fbw" else \
        "national football team"
    return _link(ctx, f"{name} {team}", call.raw("name") or name)


def based_on(call: TemplateCall, ctx: Context) -> Nodes:
    """``{{based on|''Book''|Author|Other}}`` -> ``Book by Author and Other``."""
    work = ctx.inlines(call.get("1"))
    authors = [ctx.inlines(v) for v in call.positional()[1:] if _raw(v)]
    out: list[Inline] = list(work)
    for i, author in enumerate(authors):
        out.append(Text(" by " if i == 0 else (" and " if i == len(authors) - 1 else ", ")))
        out.extend(author)
    return tuple(out)


def duration(call: TemplateCall, ctx: Context) -> Nodes:
    """``{{duration|m=45|s=12}}`` -> ``45:12``; ``{{duration|1|2|3}}`` -> ``1:02:03``."""
    parts = [call.raw("h", "1"), call.raw("m", "2"), call.raw("s", "3")]
    if not any(parts) or not all(p.replace(".", "", 1).isdigit() for p in parts if p):
        return ctx.unknown(call)
    hours, minutes, seconds = parts
    if hours:
        text = f"{hours}:{int(minutes or 0):02d}:{seconds.zfill(2) if seconds else '00'}"
    else:
        text = f"{minutes or 0}:{seconds.zfill(2) if seconds else '00'}"
    return (Text(text),)


def native_name(call: TemplateCall, ctx: Context) -> Nodes:
    """``{{native name|fr|Nom}}`` / ``{{native phrase|fr|...}}``: the name, tagged with
    its language (italic for Latin script, as the template does)."""
    return _lang_text(call.raw("1"), call.get("2"), call.raw("italics", "italic"), ctx)


def post_nominals(call: TemplateCall, ctx: Context) -> Nodes:
    """``{{post-nominals|country=GBR|KBE|FRS}}`` -> ``KBE FRS`` (small, as shown)."""
    letters = [ctx.text(v) for v in call.positional() if _raw(v)]
    shown = " ".join(x for x in letters if x)
    return (Style("small", (Text(shown),)),) if shown else ()


def composition_bar(call: TemplateCall, ctx: Context) -> Nodes:
    """``{{composition bar|10|100}}`` -> ``10 / 100`` (the bar is not drawn)."""
    part, whole = call.raw("1"), call.raw("2")
    if not part:
        return ()
    return (Text(f"{part} / {whole}" if whole else part),)


def percentage(call: TemplateCall, ctx: Context) -> Nodes:
    """``{{percentage|1|4}}`` -> ``25%`` (``{{percentage|1|3|2}}`` -> ``33.33%``)."""
    part, whole = units.parse_number(call.raw("1")), units.parse_number(call.raw("2"))
    places = call.raw("3")
    if part is None or not whole:
        return ctx.unknown(call)
    digits = int(places) if places.isdigit() else 0
    return (Text(f"{part / whole * 100:.{digits}f}%"),)


def pop_density(call: TemplateCall, ctx: Context) -> Nodes:
    """``{{pop density|1000|10|km2}}`` -> ``100/km² (260/sq mi)``."""
    people, area = units.parse_number(call.raw("1")), units.parse_number(call.raw("2"))
    unit = call.raw("3").lower().replace(" ", "")
    if people is None or not area or unit not in ("km2", "sqmi", "sq_mi"):
        return ctx.unknown(call)
    per_km2 = people / area if unit == "km2" else people / (area * 2.589988110336)
    per_sq_mi = per_km2 * 2.589988110336
    return (Text(f"{per_km2:,.0f}/km² ({per_sq_mi:,.0f}/sq mi)"),)


def old_style_date(call: TemplateCall, ctx: Context) -> Nodes:
    """``{{OldStyleDate|1 January|1700|21 December}}`` -> ``1 January 1700 [O.S. 21
    December]`` (the Julian date; the year given only when ``4=`` says so)."""
    new, year, old = call.raw("1"), call.raw("2"), call.raw("3")
    if not new:
        return ctx.unknown(call)
    shown = f"{new} {year}".strip()
    old_year = call.raw("4")
    julian = f"{old} {old_year}".strip()
    return (Text(f"{shown} [O.S. {julian}]" if julian else shown),)


_MEDALS: dict[str, str] = {
    "gold": "Gold medal – first place", "silver": "Silver medal – second place",
    "bronze": "Bronze medal – third place",
}


def medal(call: TemplateCall, ctx: Context) -> Nodes:
    """The medal-record rows of a sportsperson infobox: ``{{MedalSport|Football}}`` and
    ``{{MedalCountry|...}}`` as headings, ``{{MedalGold|2000 Sydney|Team}}`` /
    ``{{Medal|Gold|...}}`` as "Gold medal – first place 2000 Sydney Team", one a line."""
    name = call.name
    args = list(call.positional())
    if name == "medal":
        kind = call.raw("1").lower()
        args = args[1:]
    else:
        kind = name[len("medal"):]
    out: list[Inline] = [LineBreak()]
    label = _MEDALS.get(kind)
    if label is not None:
        out.append(Text(f"{label} "))
    pieces = [ctx.inlines(v) for v in args if _raw(v)]
    for i, piece in enumerate(pieces):
        if i:
            out.append(Text(" – "))
        out.extend(piece)
    if label is None:
        out = [LineBreak(), Style("b", tuple(out[1:]))] if len(out) > 1 else []
    return tuple(out)


def singles(call: TemplateCall, ctx: Context) -> Nodes:
    """``{{Singles|name=Album|single1=Song|single1date=May 1999|...}}`` (an album infobox's
    ``misc``): one line per single, ``"Song" Released: May 1999``."""
    out: list[Inline] = []
    for number in range(1, 31):
        title = call.get(f"single{number}")
        if title is None:
            continue
        if out:
            out.append(LineBreak())
        out.extend((Text("\u201c"), *ctx.inlines(title), Text("\u201d")))
        date = call.get(f"single{number}date")
        if date is not None:
            out.extend((Text(" Released: "), *ctx.inlines(date)))
    return tuple(out)


def extra_chronology(call: TemplateCall, ctx: Context) -> Nodes:
    """``{{Extra chronology|artist=X|prev_title=A|prev_year=1997|title=B|year=1999|
    next_title=C|next_year=2001}}`` -> ``A (1997) · B (1999) · C (2001)``."""
    parts: list[tuple[Inline, ...]] = []
    for key, year in (("prev_title", "prev_year"), ("title", "year"),
                      ("next_title", "next_year")):
        value = call.get(key)
        if value is None:
            continue
        when = call.raw(year)
        parts.append((*ctx.inlines(value), Text(f" ({when})")) if when
                     else ctx.inlines(value))
    return _joined(list(parts), Text(" · "))


def video_game_release(call: TemplateCall, ctx: Context) -> Nodes:
    """``{{Video game release|NA|March 1, 2001|EU|2002}}`` -> "NA: March 1, 2001" and
    "EU: 2002" on separate lines (region codes as Wikipedia shows them)."""
    args = [a for a in call.positional()]
    out: list[Inline] = []
    for i in range(0, len(args) - 1, 2):
        region, date = ctx.text(args[i]), ctx.inlines(args[i + 1])
        if not date:
            continue
        if out:
            out.append(LineBreak())
        out.extend((Text(f"{region}: "), *date) if region else date)
    return tuple(out) if out else ctx.unknown(call)


def sortname(call: TemplateCall, ctx: Context) -> Nodes:
    """``{{sortname|John|Smith}}`` -> ``John Smith`` linked (``nolink=1`` plain)."""
    first, last = call.raw("1"), call.raw("2")
    name = f"{first} {last}".strip()
    if not name:
        return ()
    if call.raw("nolink"):
        return (Text(name),)
    target = call.raw("3") or name
    return _link(ctx, target, name)


def lit(call: TemplateCall, ctx: Context) -> Nodes:
    """``{{lit|good}}`` -> ``lit. 'good'``; ``{{gloss|good}}`` -> ``'good'``."""
    parts = [ctx.text(v) for v in call.positional() if _raw(v)]
    if not parts:
        return ()
    quoted = " or ".join(f"'{p}'" for p in parts)
    return (Text(quoted if call.name == "gloss" else f"lit. {quoted}"),)


def korean(call: TemplateCall, ctx: Context) -> Nodes:
    """``{{korean|hangul=한국|rr=Hanguk}}`` -> ``Korean: 한국; RR: Hanguk``."""
    labels = (("hangul", "Korean"), ("hanja", "Hanja"), ("rr", "RR"), ("mr", "MR"),
              ("lit", "lit."))
    out: list[Inline] = []
    for key, label in labels:
        value = call.get(key)
        if value is None:
            continue
        if out:
            out.append(Text("; "))
        out.append(Text(f"{label}: " if key != "lit" else "lit. "))
        out.append(Span("lang", ctx.inlines(value), lang="ko") if key in ("hangul", "hanja")
                   else Style("i", ctx.inlines(value)))
    return tuple(out)


def legend(call: TemplateCall, ctx: Context) -> Nodes:
    """``{{legend|#f00|Text}}`` -> ``■ Text``; ``{{color box|#f00}}`` -> ``■``."""
    text_value = call.get("2")
    if call.name in ("color box", "colour box", "colorbox"):
        if text_value is None:
            return (Text("■"),)
        return (Text("■ "), *ctx.inlines(text_value))
    return (Text("■ "), *ctx.inlines(text_value)) if text_value is not None else (Text("■"),)


def columns_list(call: TemplateCall, ctx: Context) -> Nodes:
    """``{{columns-list|colwidth=20em|* a\n* b}}``: the list (columns are layout)."""
    values = call.positional()
    if not values:
        return ()
    return ctx.blocks(values[-1])


def in_lang(call: TemplateCall, ctx: Context) -> Nodes:
    """``{{in lang|fr}}`` -> ``(in French)``."""
    names = [language_name(_raw(v)) or _raw(v) for v in call.positional() if _raw(v)]
    if not names:
        return ()
    return (Span("lang-note", (Text(f"(in {', '.join(names)})"),)),)


def rnd(call: TemplateCall, ctx: Context) -> Nodes:
    """``{{rnd|3.14159|2}}`` -> ``3.14``."""
    value = units.parse_number(ctx.text(call.get("1")))
    digits = call.raw("2")
    if value is None or not re.match(r"^-?\d+$", digits):
        return ctx.inlines(call.get("1"))
    return (Text(units.format_number(value, int(digits))),)


def number_sort(call: TemplateCall, ctx: Context) -> Nodes:
    """``{{nts|1234.5}}`` -> ``1,234.5`` (sorting helpers show the number)."""
    raw = ctx.text(call.get("1"))
    return (Text(units.format_input(raw)),) if raw else ()


def pdf(call: TemplateCall, ctx: Context) -> Nodes:
    """``{{PDF|[url Report]}}`` -> the link, then ``(PDF)``."""
    return (*ctx.inlines(call.get("1")), Text(" (PDF)"))


def sort_key(call: TemplateCall, ctx: Context) -> Nodes:
    """``{{sort|key|text}}``: the text (the key only sorts tables)."""
    value = call.get("2") or call.get("1")
    return ctx.inlines(value)


def _file_name(raw: str) -> str:
    """``File:A_b.jpg`` / ``A b.jpg`` -> ``A b.jpg`` (empty when it is not a file name)."""
    name = raw.strip()
    prefix, colon, rest = name.partition(":")
    if colon and prefix.strip().lower() in ("file", "image", "media"):
        name = rest.strip()
    if not name or any(c in name for c in "[]{}|<>\n"):
        return ""
    return name.replace("_", " ")


def multiple_image(call: TemplateCall, ctx: Context) -> Nodes:
    """``{{multiple image|image1=A.jpg|caption1=...|image2=...|footer=...}}``: a gallery
    of captioned placeholders (files are not available offline); the footer, if any,
    follows as a paragraph."""
    items: list[Media] = []
    index = 1
    while index <= 20:
        name = _file_name(call.raw(f"image{index}"))
        if not name and not call.raw(f"image{index}") and index > 1:
            break  # image1 may be blank; numbering stops at the first gap after it
        if name:
            caption = call.get(f"caption{index}")
            media = Media(name, ctx.inlines(caption) if caption is not None else (),
                          ctx.text(call.get(f"alt{index}")), "thumb")
            ctx.add_media(media)
            items.append(media)
        index += 1
    out: list[Block] = [Gallery(tuple(items))] if items else []
    footer = call.get("footer")
    if footer is not None:
        inner = ctx.inlines(footer)
        if inner:
            out.append(Paragraph(inner))
    return tuple(out)


def single_media(call: TemplateCall, ctx: Context) -> Nodes:
    """``{{wide image|File.jpg|800px|Caption}}``, ``{{listen|filename=X.ogg|title=T|
    description=D}}``, ``{{panorama}}``: one captioned placeholder figure."""
    if call.name in ("listen", "audio sample", "sound sample"):
        name = _file_name(call.raw("filename", "filename1"))
        parts = [call.get("title", "title1"), call.get("description", "description1")]
    else:
        name = _file_name(call.raw("1", "image"))
        parts = [call.get("3", "caption")]
    if not name:
        return ()
    caption: list[Inline] = []
    for part in parts:
        inner = ctx.inlines(part) if part is not None else ()
        if inner:
            if caption:
                caption.append(Text(": "))
            caption.extend(inner)
    media = Media(name, tuple(caption), ctx.text(call.get("alt")), "thumb")
    ctx.add_media(media)
    return (Figure(media),)


def _cell(nodes: tuple[Inline, ...], *, header: bool = False,
          align: Literal["", "left", "center", "right"] = "") -> TableCell:
    return TableCell(header, (Paragraph(nodes),) if nodes else (), align=align)


def track_listing(call: TemplateCall, ctx: Context) -> Nodes:
    """``{{Track listing|title1=...|writer1=...|length1=...}}``: the album's tracks as a
    table (No., Title, Writer(s)/Music/Lyrics as given, Length) with its headline and
    total length."""
    numbers: list[int] = []
    for name, _ in call.params:
        m = re.match(r"^title(\d+)$", name)
        if m and int(m.group(1)) not in numbers:
            numbers.append(int(m.group(1)))
    numbers.sort()
    if not numbers:
        return ()
    extra_columns = [
        (key, label) for key, label in (
            ("writer", "Writer(s)"), ("lyrics", "Lyrics"), ("music", "Music"),
            ("extra", call.raw("extra_column") or "Notes"),
        )
        if any(call.get(f"{key}{n}") is not None for n in numbers)
    ]
    header = TableRow((
        _cell((Text("No."),), header=True), _cell((Text("Title"),), header=True),
        *(_cell((Text(label),), header=True) for _, label in extra_columns),
        _cell((Text("Length"),), header=True),
    ))
    rows = [header]
    for n in numbers:
        title: list[Inline] = [Text("\u201c"), *ctx.inlines(call.get(f"title{n}")),
                               Text("\u201d")]
        note = call.get(f"note{n}")
        if note is not None:
            title += [Text(" ("), *ctx.inlines(note), Text(")")]
        rows.append(TableRow((
            _cell((Text(f"{n}."),), align="right"),
            _cell(tuple(title)),
            *(_cell(ctx.inlines(call.get(f"{key}{n}"))) for key, _ in extra_columns),
            _cell(ctx.inlines(call.get(f"length{n}")), align="right"),
        )))
    total = call.get("total_length")
    if total is not None:
        span = 2 + len(extra_columns)
        rows.append(TableRow((
            TableCell(True, (Paragraph((Text("Total length:"),)),), colspan=span,
                      align="right"),
            _cell(ctx.inlines(total), align="right"),
        )))
    caption = ctx.inlines(call.get("headline"))
    return (Table(tuple(rows), caption, "tracklist"),)


def sclass(call: TemplateCall, ctx: Context) -> Nodes:
    """``{{sclass|Iowa|battleship}}`` -> *Iowa*-class battleship, linked."""
    name, kind = call.raw("1"), call.raw("2")
    if not name:
        return ()
    target = f"{name}-class {kind}".strip()
    return _link(ctx, target, target)


def format_price(call: TemplateCall, ctx: Context) -> Nodes:
    """``{{format price|1234567}}`` -> ``1.23 million`` (billion, trillion likewise)."""
    value = units.parse_number(ctx.text(call.get("1")))
    if value is None:
        return ctx.inlines(call.get("1"))
    for power, word in ((12, "trillion"), (9, "billion"), (6, "million")):
        if abs(value) >= 10 ** power:
            shown = units.format_number(value / 10 ** power, 2).rstrip("0").rstrip(".")
            return (Text(f"{shown} {word}"),)
    return (Text(units.format_number(value, 0 if value == int(value) else 2)),)


def bibleverse(call: TemplateCall, ctx: Context) -> Nodes:
    """``{{bibleverse|Genesis|1:1|KJV}}`` -> ``Genesis 1:1`` (``{{bibleverse|1|John|3:16}}``
    with a book number first)."""
    args = [_raw(v) for v in call.positional()]
    if args and args[0].isdigit() and len(args) > 1:
        args = [f"{args[0]} {args[1]}", *args[2:]]
    text = " ".join(a for a in args[:2] if a)
    return (Text(text),) if text else ()


def wikt_lang(call: TemplateCall, ctx: Context) -> Nodes:
    """``{{wikt-lang|fr|mot}}``: the word tagged with its language (no Wiktionary link)."""
    shown = call.get("3") or call.get("2")
    return _lang_text(call.raw("1"), shown, "", ctx)


def gaps(call: TemplateCall, ctx: Context) -> Nodes:
    """``{{gaps|1|000|000}}`` -> ``1 000 000`` (thin spaces between the groups)."""
    parts = [ctx.text(v) for v in call.positional() if _raw(v)]
    return (Text("\u2009".join(parts)),) if parts else ()


def radic(call: TemplateCall, ctx: Context) -> Nodes:
    """``{{radic|2}}`` -> ``√2`` (``{{radic|2|3}}`` -> ``∛2``)."""
    index = call.raw("2")
    sign = {"": "√", "2": "√", "3": "∛", "4": "∜"}.get(index, "√")
    prefix: tuple[Inline, ...] = (Style("sup", (Text(index),)),) if index and sign == "√" \
        and index != "2" else ()
    return (*prefix, Text(sign), *ctx.inlines(call.get("1")))


def times_ten(call: TemplateCall, ctx: Context) -> Nodes:
    """``{{e|7}}`` -> ``×10⁷``; ``{{10^|7}}`` -> ``10⁷``."""
    exponent = ctx.text(call.get("1")).replace("-", "−")
    lead = "×10" if call.name == "e" else "10"
    return (Text(lead), Style("sup", (Text(exponent),))) if exponent else (Text(lead),)


def register(registry: TemplateRegistry) -> None:
    """Register the inline family (and the data-table templates it carries along)."""
    datatables.register(registry)
    add = registry.add
    add(("ipac-en", "ipac2-en"), ipac_en)
    add(("ipa",), ipa)
    registry.register_prefix("ipa-")(ipa_xx)
    add(("respell",), respell)
    add(("lang",), lang)
    add(("langx", "lang-x"), lang_xx)
    registry.register_prefix("lang-")(lang_xx)
    add(("transl", "transliteration"), transl)
    add(("zh", "lang-zh"), zh)
    add(("nihongo", "nihongo2", "nihongo3", "nihongo4", "nihongo krt"), nihongo)
    add(("convert", "cvt"), convert)
    add(("nowrap", "nobr", "nobreak", "no wrap"), _span("nowrap"))
    add(("nbsp",), nbsp)
    add(("thinsp",), _const("\u2009"))
    add(("ndash", "en dash", "endash"), _const("–"))
    add(("mdash", "em dash", "emdash"), _const("—"))
    add(("\\", "spaced slash"), _const(" / "))
    add(("spaced ndash", "snd", "sndash", "spnd", "snds"), _const(" – "))
    add(("spaced mdash", "smd", "spmd"), _const(" — "))
    add(("!",), _const("|"))
    add(("=",), _const("="))
    add(("!!",), _const("||"))
    add(("·", "dot", "middot", "dsep"), _const(" · "))
    add(("•", "bull", "bullet"), _const(" • "))
    add((",",), _const(", "))
    add(("'",), _const("'"))
    add(("'s",), _const("'s"))
    add(("' \"", "'\""), _const("'\""))
    add(("\" '", "\"'"), _const("\"'"))
    add(("small", "smaller", "midsize"), _wrap("small"))
    add(("big", "larger"), _wrap("big"))
    add(("sup",), _wrap("sup"))
    add(("sub",), _wrap("sub"))
    add(("em",), _wrap("i"))
    add(("strong",), _wrap("b"))
    add(("kbd",), _wrap("kbd"))
    add(("var", "mvar"), mvar)
    add(("math",), math_template)
    add(("code", "codett", "tt"), code)
    add(("keypress", "key press"), keypress)
    add(("char",), char)
    add(("abbr", "abbrlink", "abbreviation"), abbr)
    add(("tooltip", "hover title", "h:title"), tooltip)
    add(("sfrac", "frac", "fraction", "fract"), frac)
    add(("smallcaps", "small caps", "sc"), _span("smallcaps"))
    add(("resize",), resize)
    add(("font color", "font colour", "color", "colour", "font", "fgcolor", "hilite",
         "highlight", "background color"), _last)
    add(("nobold", "noitalic", "noital", "nonitalic", "notitalic", "unbold", "unicode",
         "visible anchor", "vanchor", "no redirect", "not a typo",
         "proper name", "serif", "sans-serif", "large", "huge",
         "pslink", "nowiki2", "bigger", "ipa symbol", "longitem", "long item"), _first)
    add(("quote", "blockquote", "cquote", "quote box", "quotebox", "pull quote", "rquote",
         "poem quote", "quotation", "centered pull quote", "bquote"), quote)
    add(tuple(_INLINE_TAGS), cleanup_tag)
    add(tuple(_SPAN_TAGS), cleanup_span)
    add(("sic",), sic)
    add(tuple(_CURRENCY), currency)
    add(("inflation",), inflation)
    add(("flagicon", "flag icon", "flagdeco", "flagicon image", "flagdeco country"), _nothing)
    add(("flag", "flagcountry", "flagu", "flag country"), flag)
    # ``{{USA}}``, ``{{GBR}}``, ``{{UK}}``...: flagcountry shortcuts, unless a template of
    # that name is already known.
    add(tuple(n for n in sorted(countries.SHORTCUT_NAMES) if registry.lookup(n) is None),
        flag)
    add(("flagathlete", "flagsport"), flagathlete)
    add(("flagioc", "flagiocathlete"), flag_ioc)
    add(("flagg", "flaglink", "flagbig", "flagcountrylink"), flag_variant)
    add(("coord", "coor"), coord)
    add(("hlist", "flatlist", "flat list", "horizontal list", "cslist"), hlist)
    add(("ubl", "unbulleted list", "plainlist", "plain list", "ubil", "unbullet",
         "collapsible list", "ublist", "unbulleted", "ulist", "br separated entries",
         "br list", "unbulleted indent list"), ubl)
    add(("bulleted list", "bulleted", "blist", "ordered list"), bulleted_list)
    add(("clear", "clr", "-", "clear left", "clear right", "clearleft", "clearright",
         "stack end", "anchor", "anchors", "visible anchor end", "nowrap begin",
         "nowrap end", "wbr", "zwsp", "shy", "clear all", "stack begin", "void",
         "ref improve section", "toclimit", "tocright"), _nothing)
    add(("break", "br", "crlf"), line_break)
    add(("main other", "main namespace other"), main_other)
    add(("circa", "c.", "ca."), _prefixed("c. ", " – c. "))
    add(("floruit", "fl.", "fl"), _prefixed("fl. ", "–"))
    add(("reign", "r.", "ruled"), _prefixed("r. ", "–"))
    add(("bce", "bc", "ad", "ce"), era)
    add(("ill", "interlanguage link", "interlanguage link multi", "link-interwiki"),
        interlanguage_link)
    add(("wikt", "wiktionary link"), wikt)
    add(("audio", "pronunciation audio"), audio)
    add(("angbr", "angle bracket", "angbr ipa"), angle_brackets)
    add(("chem2", "chem"), chem2)
    add(("url",), url)
    add(("official website", "official url", "official", "official site"),
        official_website)
    add(("linktext", "link text"), linktext)
    add(tuple(_SEASON_YEARS), season_year)
    add(tuple(_EXCHANGES), stock_ticker)
    add(("nastaliq", "nq"), script_span("ur"))
    add(("marriage", "married"), marriage)
    add(tuple(_TABLE_WORDS), table_word)
    add(("val",), val)
    add(("ordinal",), ordinal)
    add(_SHIP_PREFIXES, ship)
    add(("height",), height)
    add(("weight",), weight)
    add(("video game release", "vgrelease", "vgr"), video_game_release)
    add(("singles",), singles)
    add(("extra chronology", "extra chronology 2"), extra_chronology)
    add(("fb", "fbw", "fbu", "fb-rt", "fbw-rt"), football_team)
    add(("based on",), based_on)
    add(("duration",), duration)
    add(("native name", "native phrase"), native_name)
    add(("post-nominals", "post-nominal", "postnominals"), post_nominals)
    add(("composition bar",), composition_bar)
    add(("percentage",), percentage)
    add(("pop density", "popdensity"), pop_density)
    add(("oldstyledate", "old style date", "osd"), old_style_date)
    add(("medalsport", "medalcountry", "medalcompetition", "medalgold", "medalsilver",
         "medalbronze", "medal"), medal)
    add(("shipboxflag", "party color", "party colour", "wd", "smallsup"), _nothing)
    add(("sortname", "sort name"), sortname)
    add(("lit", "literal translation", "literally", "gloss"), lit)
    add(("korean", "lang-ko"), korean)
    add(("legend", "legend inline", "color box", "colour box", "colorbox"), legend)
    add(("columns-list", "colbegin", "div col list", "columns list"), columns_list)
    add(("div col", "div col end", "col-begin", "col-end", "col-break", "col-2", "col-3",
         "col-4", "col-5", "colend", "end div col", "div col-end", "multicol",
         "multicol-break", "multicol-end"), _nothing)
    add(("in lang", "in language", "language icon"), in_lang)
    add(("rnd", "round"), rnd)
    add(("nts", "ntsh", "number table sorting", "nts hidden", "nowrap number"), number_sort)
    add(("sort", "sorthidden", "hs"), sort_key)
    add(("center", "centre", "centered"), _first)
    add(("script",), _last)
    add(("mono", "monospace"), _wrap("code"))
    add(("strike", "strikethrough"), _wrap("s"))
    add(("underline",), _wrap("u"))
    add(("okina", "ʻ"), _const("ʻ"))
    add(("times", "×"), _const("×"))
    add(("±", "plusminus", "+-"), _const("±"))
    add(("°", "degree"), _const("°"))
    add(("aka", "a.k.a."), _const("a.k.a."))
    add(("spaced en dash", "spaced en dash space"), _const(" – "))
    add(("spaced em dash",), _const(" — "))
    add(("spaces", "pad", "space"), nbsp)
    add(("pdf",), pdf)
    add(("wikt-lang", "wiktlang"), wikt_lang)
    add(("gaps",), gaps)
    add(("radic", "sqrt"), radic)
    add(("e", "10^", "x10^"), times_ten)
    add(("dash",), _const(" – "))
    add(("geogroup", "location map", "location map+", "location map~", "location map ~",
         "location map many", "image label begin", "image label", "image label end",
         "osm location map", "maplink", "mapframe"), _nothing)
    add(("track listing", "tracklist", "track list"), track_listing)
    add(("sclass", "sclass-", "sclass2"), sclass)
    add(("format price", "formatprice"), format_price)
    add(("bibleverse", "bibleref", "bibleref2", "bible verse"), bibleverse)
    add(("dagger", "†"), _const("†"))
    add(("double dagger", "ddagger", "‡"), _const("‡"))
    add(("nbhyph", "nb hyphen"), _const("\u2011"))
    add(("thin space", "thinspace"), _const("\u2009"))
    add(("multiple image", "multiple images", "double image", "triple image"),
        multiple_image)
    add(("wide image", "panorama", "listen", "audio sample", "sound sample"), single_media)
    add(("increase", "increase positive", "increase negative"), _const("▲"))
    add(("decrease", "decrease positive", "decrease negative"), _const("▼"))
    add(("steady", "nochange", "no change"), _const("▬"))


def era(call: TemplateCall, ctx: Context) -> Nodes:
    """``{{BCE|300}}`` -> 300 BCE; ``{{AD|300}}`` -> AD 300; alone: the abbreviation."""
    label = call.name.upper()
    value = call.get("1")
    if value is None:
        return (Text(label),)
    inner = ctx.inlines(value)
    if label in ("AD",):
        return (Text(f"{label} "), *inner)
    return (*inner, Text(f" {label}"))
