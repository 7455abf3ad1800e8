"""Page titles and link targets the way MediaWiki normalises them.

``[[ foo_bar#Baz qux]]`` links to the page ``Foo bar``, section ``Baz_qux``: underscores
become spaces, runs of whitespace collapse, the first letter is upper-cased, a leading
``:`` (which forces a plain link for categories and files) goes away, and the fragment
is split off.  Prefixes decide what a link is: a namespace (``Category:``, ``File:``), an
interwiki to a sister project (``wikt:`` -> Wiktionary) or an interlanguage link
(``fr:``), which articles show in a side bar, not in the text.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal
from urllib.parse import quote

__all__ = [
    "LinkTarget",
    "anchor_encode",
    "classify_target",
    "namespace_of",
    "normalise_title",
    "ucfirst",
]

_WS = re.compile(r"[\s_]+")
_SAFE = "/:()',!*@$;~-._"

#: Namespace names (lower-case, spaces) -> canonical name.
NAMESPACES: dict[str, str] = {
    "talk": "Talk",
    "user": "User",
    "user talk": "User talk",
    "wikipedia": "Wikipedia",
    "wp": "Wikipedia",
    "project": "Wikipedia",
    "wikipedia talk": "Wikipedia talk",
    "wt": "Wikipedia talk",
    "file": "File",
    "image": "File",
    "file talk": "File talk",
    "image talk": "File talk",
    "mediawiki": "MediaWiki",
    "mediawiki talk": "MediaWiki talk",
    "template": "Template",
    "t": "Template",
    "template talk": "Template talk",
    "help": "Help",
    "help talk": "Help talk",
    "category": "Category",
    "category talk": "Category talk",
    "portal": "Portal",
    "portal talk": "Portal talk",
    "draft": "Draft",
    "draft talk": "Draft talk",
    "module": "Module",
    "module talk": "Module talk",
    "timedtext": "TimedText",
    "timedtext talk": "TimedText talk",
    "special": "Special",
    "media": "Media",
    "book": "Book",
    "book talk": "Book talk",
    "education program": "Education Program",
    "gadget": "Gadget",
    "topic": "Topic",
}

#: Localised names and aliases of the File, Media and Category namespaces on the largest
#: Wikipedias (from MediaWiki's ``Messages*.php``; lower-case, spaces for underscores), so
#: that an article from a German or Russian dump files its ``[[Kategorie:...]]`` as a
#: category and shows ``[[Datei:...]]`` as an image.  Only these namespaces change what a
#: link *is*; other localised namespaces stay ordinary (red) page links.
LOCALISED_NAMESPACES: dict[str, str] = {
    name: canonical
    for canonical, names in (
        ("File", (
            # de, fr, sv/no/da, nl, ru/uk/be, es, it, pl, ceb, war, ar/arz, fa, zh, ja,
            # vi, pt, ca, sr, id, ko, fi, hu, cs, tr, he, ro, el, hi
            "datei", "bild", "fichier", "fil", "bestand", "afbeelding", "файл",
            "изображение", "зображення", "archivo", "imagen", "immagine", "plik", "grafika",
            "payl", "fayl", "ملف", "صورة", "پرونده", "تصویر", "فایل", "文件", "檔案",
            "档案", "图像", "圖像", "图片", "圖片", "ファイル", "画像", "tập tin", "hình",
            "hình ảnh", "ficheiro", "arquivo", "imagem", "fitxer", "imatge", "датотека",
            "слика", "berkas", "gambar", "파일", "그림", "tiedosto", "kuva", "fájl",
            "kép", "soubor", "obrázek", "dosya", "resim", "קובץ", "תמונה", "fișier",
            "αρχείο", "εικόνα", "चित्र",
        )),
        ("Media", (
            # (de "Medium", es "Medio"... are left out: too likely as English titles)
            "média", "медиа", "медіа", "mèdia", "ميديا", "مدیا", "媒体", "媒體",
            "メディア", "phương tiện", "mídia", "미디어", "מדיה",
        )),
        ("Category", (
            "kategorie", "catégorie", "kategori", "categorie", "категория", "категорія",
            "categoría", "categoria", "kategoria", "kategoriya", "kaarangay", "تصنيف",
            "رده", "分类", "分類", "カテゴリ", "thể loại", "категорија", "분류", "luokka",
            "kategória", "קטגוריה", "κατηγορία", "श्रेणी", "категорыя",
        )),
    )
    for name in names
}

#: Every namespace prefix :func:`classify_target` knows: canonical names first, then
#: the localised File/Media/Category names (which never shadow a canonical one).
_PREFIXES: dict[str, str] = {**LOCALISED_NAMESPACES, **NAMESPACES}

#: Sister-project interwiki prefixes -> (base URL, whether a language prefix may follow).
INTERWIKI: dict[str, tuple[str, bool]] = {
    "wikt": ("https://{lang}.wiktionary.org/wiki/", True),
    "wiktionary": ("https://{lang}.wiktionary.org/wiki/", True),
    "w": ("https://{lang}.wikipedia.org/wiki/", True),
    "wikipedia": ("https://{lang}.wikipedia.org/wiki/", True),
    "s": ("https://{lang}.wikisource.org/wiki/", True),
    "wikisource": ("https://{lang}.wikisource.org/wiki/", True),
    "q": ("https://{lang}.wikiquote.org/wiki/", True),
    "wikiquote": ("https://{lang}.wikiquote.org/wiki/", True),
    "b": ("https://{lang}.wikibooks.org/wiki/", True),
    "wikibooks": ("https://{lang}.wikibooks.org/wiki/", True),
    "n": ("https://{lang}.wikinews.org/wiki/", True),
    "wikinews": ("https://{lang}.wikinews.org/wiki/", True),
    "v": ("https://{lang}.wikiversity.org/wiki/", True),
    "wikiversity": ("https://{lang}.wikiversity.org/wiki/", True),
    "voy": ("https://{lang}.wikivoyage.org/wiki/", True),
    "wikivoyage": ("https://{lang}.wikivoyage.org/wiki/", True),
    "commons": ("https://commons.wikimedia.org/wiki/", False),
    "c": ("https://commons.wikimedia.org/wiki/", False),
    "species": ("https://species.wikimedia.org/wiki/", False),
    "wikispecies": ("https://species.wikimedia.org/wiki/", False),
    "d": ("https://www.wikidata.org/wiki/", False),
    "wikidata": ("https://www.wikidata.org/wiki/", False),
    "m": ("https://meta.wikimedia.org/wiki/", False),
    "meta": ("https://meta.wikimedia.org/wiki/", False),
    "metawiki": ("https://meta.wikimedia.org/wiki/", False),
    "mw": ("https://www.mediawiki.org/wiki/", False),
    "mediawikiwiki": ("https://www.mediawiki.org/wiki/", False),
    "foundation": ("https://foundation.wikimedia.org/wiki/", False),
    "wmf": ("https://foundation.wikimedia.org/wiki/", False),
    "phab": ("https://phabricator.wikimedia.org/", False),
    "doi": ("https://doi.org/", False),
}

#: Wikipedia language codes (interlanguage prefixes); links with them leave the body.
_LANGUAGE_CODES = """
    aa ab ace ady af ak als alt am ami an ang anp ar arc ary arz as ast atj av avk awa ay
    az azb ba ban bar bat-smg bbc bcl be be-tarask be-x-old bew bg bh bi bjn blk bm bn bo
    bpy br bs btm bug bxr ca cbk-zam cdo ce ceb ch cho chr chy ckb co cr crh cs csb cu cv
    cy da dag de dga din diq dsb dtp dty dv dz ee el eml en eo es et eu ext fa fat ff fi
    fiu-vro fj fo fon fr frp frr fur fy ga gag gan gcr gd gl glk gn gom gor got gpe gsw gu
    guc gur guw gv ha hak haw he hi hif ho hr hsb ht hu hy hyw hz ia iba id ie ig igl ii ik
    ilo inh io is it iu ja jam jbo jv ka kaa kab kbd kbp kcg kg kge ki kj kk kl km kn knc
    ko koi kr krc ks ksh ku kus kv kw ky la lad lb lbe lez lfn lg li lij lld lmo ln lo lrc
    lt ltg lv mad mai map-bms mdf mg mh mhr mi min mk ml mn mni mnw mo mos mr mrj ms mt mus
    mwl my myv mzn na nah nan nap nds nds-nl ne new ng nia nl nn no nov nqo nr nrm nso nup
    nv ny oc olo om or os pa pag pam pap pcd pcm pdc pfl pi pih pl pms pnb pnt ps pt pwn qu
    rm rmy rn ro roa-rup roa-tara rsk ru rue rup rw sa sah sat sc scn sco sd se sg sgs sh
    shi shn shy si simple sk skr sl sm smn sn so sq sr srn ss st stq su sv sw syl szl szy
    ta tay tcy tdd te tet tg th ti tig tk tl tly tn to tpi tr trv ts tt tum tw ty tyv udm
    ug uk ur uz ve vec vep vi vls vo vro wa war wo wuu xal xh xmf yi yo yue za zea zgh zh
    zh-classical zh-min-nan zh-yue zu
"""
LANGUAGES: frozenset[str] = frozenset(_LANGUAGE_CODES.split())


def ucfirst(text: str) -> str:
    """Upper-case the first character (MediaWiki's ``$wgCapitalLinks``)."""
    return text[:1].upper() + text[1:] if text else text


def normalise_title(raw: str) -> str:
    """``" foo_bar  baz"`` -> ``"Foo bar baz"`` (no namespace handling, no fragment)."""
    if "&" in raw:
        raw = html.unescape(raw)
    return ucfirst(_WS.sub(" ", raw).strip())


def anchor_encode(text: str) -> str:
    """A section anchor as MediaWiki builds it (HTML5 mode): whitespace runs become one
    underscore, leading/trailing whitespace goes, everything else stays."""
    if "&" in text:
        text = html.unescape(text)
    return _WS.sub("_", text).strip("_")


@dataclass(frozen=True, slots=True)
class LinkTarget:
    """What a ``[[...]]`` target refers to.

    Attributes:
        kind: ``page`` (an internal link, any namespace), ``category``, ``file``
            (``File:``/``Image:``, an embedded image), ``media`` (``Media:``, a link to the
            file itself), ``interwiki`` (sister project, ``url`` set) or ``language``
            (an interlanguage link, not shown in the body).
        title: the full normalised title (``Category:Foo``, ``Foo bar``); for files and
            categories the name *without* the namespace.
        namespace: the canonical namespace (``Category``), ``""`` for articles.
        fragment: the section part as an anchor (spaces as underscores).
        url: the address of an interwiki target.
        leading_colon: the target was written ``[[:...]]``.
    """

    kind: Literal["page", "category", "file", "media", "interwiki", "language"]
    title: str
    namespace: str = ""
    fragment: str = ""
    url: str = ""
    leading_colon: bool = False


def namespace_of(prefix: str) -> str | None:
    """The canonical namespace a link prefix names (``"Datei"`` -> ``"File"``,
    ``"category"`` -> ``"Category"``), in any of the languages known; ``None`` otherwise."""
    return _PREFIXES.get(_WS.sub(" ", prefix).strip().lower())


def _split_prefix(text: str) -> tuple[str, str] | None:
    """``"Category : Foo"`` -> ``("category", "Foo")``; ``None`` without a colon."""
    before, sep, after = text.partition(":")
    if not sep:
        return None
    return _WS.sub(" ", before).strip().lower(), after


@lru_cache(maxsize=8192)
def classify_target(raw: str) -> LinkTarget:
    """Classify and normalise a raw link target (the part before the first ``|``).

    Cached: pages link the same targets again and again, and the result is immutable."""
    text = raw
    if "&" in text:
        text = html.unescape(text)
    text = _WS.sub(" ", text).strip()
    leading_colon = text.startswith(":")
    if leading_colon:
        text = text[1:].lstrip()
    title_part, hash_sign, fragment = text.partition("#")
    fragment = anchor_encode(fragment) if hash_sign else ""
    split = _split_prefix(title_part)
    if split is not None:
        prefix, rest = split
        rest = rest.strip()
        namespace = _PREFIXES.get(prefix)
        if namespace is not None:
            name = ucfirst(rest)
            if namespace == "Category":
                kind: Literal["category", "page"] = "page" if leading_colon else "category"
                if kind == "category":
                    return LinkTarget("category", name, namespace, fragment, "", False)
                return LinkTarget("page", f"Category:{name}", namespace, fragment, "", True)
            if namespace == "File":
                if leading_colon:
                    return LinkTarget("page", f"File:{name}", namespace, fragment, "", True)
                return LinkTarget("file", name, namespace, fragment)
            if namespace == "Media":
                return LinkTarget("media", name, namespace, fragment, "", leading_colon)
            full = f"{namespace}:{name}" if name else namespace
            return LinkTarget("page", full, namespace, fragment, "", leading_colon)
        interwiki = INTERWIKI.get(prefix)
        if interwiki is not None:
            base, takes_lang = interwiki
            lang = "en"
            if takes_lang:
                inner = _split_prefix(rest)
                if inner is not None and inner[0] in LANGUAGES:
                    lang, rest = inner[0], inner[1].strip()
            page = rest + (f"#{fragment}" if fragment else "")
            url = base.replace("{lang}", lang) + quote(rest.replace(" ", "_"), safe=_SAFE)
            if fragment:
                url += "#" + quote(fragment, safe=_SAFE)
            return LinkTarget("interwiki", page, "", "", url, leading_colon)
        if prefix in LANGUAGES:
            if leading_colon:
                url = f"https://{prefix}.wikipedia.org/wiki/" + quote(
                    rest.replace(" ", "_"), safe=_SAFE
                )
                return LinkTarget("interwiki", rest, "", "", url, True)
            return LinkTarget("language", rest, prefix)
    return LinkTarget("page", ucfirst(title_part.strip()), "", fragment, "", leading_colon)
