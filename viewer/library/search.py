"""Searching a library: titles as you type, and full text with ranked snippets.

Titles are matched in three passes, each only when the previous one left room:

1. *prefix*: an index range scan over the folded titles (case- and diacritic-insensitive,
   ``"ebo"`` finds ``"Ébola virus"``), alphabetical, an exact match first;
2. *substring*: the FTS5 trigram index over folded titles (``"virus"`` finds
   ``"Ebola virus"``), for queries of three characters or more;
3. *fuzzy*: typo-tolerant, for queries of four characters or more when the passes above
   found fewer than five titles; candidates share the
   query's rarest trigrams (so the cost is bounded by the shortest posting lists, not by
   the library's size), are pre-ranked by shared trigrams, then scored by similarity
   (:class:`difflib.SequenceMatcher`) and kept above a threshold.

Full text uses FTS5 (porter stemming, ``unicode61 remove_diacritics 2``) ranked by
``bm25`` with a title weight of 10; a query matching more than :data:`RANK_CAP`
articles ranks the first ones only, which bounds its latency on huge libraries.  The
user's query is turned into a safe FTS5 query: words are ANDed, ``"quoted phrases"``
kept, operators and punctuation never reach FTS5 as syntax.  Snippets mark each match
between :data:`MARK_START` (``\\x02``) and :data:`MARK_END` (``\\x03``);
:func:`highlight_spans` splits them for display.
"""

from __future__ import annotations

import difflib
import re
import sqlite3
from dataclasses import dataclass
from typing import Literal

from viewer.library.sources import fold

MARK_START = "\x02"
MARK_END = "\x03"
RANK_CAP = 20000
"""Most matches a full-text query ranks (see :func:`search_text`)."""
_FUZZY_TRIGRAMS = 6
_FUZZY_CANDIDATES = 200
_FUZZY_POSTINGS = 10000
_FUZZY_SCORED = 20
_FUZZY_THRESHOLD = 0.75
_FUZZY_WHEN_FEWER = 5
"""Typo-tolerant matching runs only when the exact passes found fewer titles than this:
someone typing a title's start correctly gets its matches at index speed."""
_SUBSTRING_CANDIDATES = 200
_WORD = re.compile(r"\w+", re.UNICODE)
_PHRASE = re.compile(r'"([^"]*)"')
_SPACES = re.compile(r"\s+")

TitleMatch = Literal["prefix", "substring", "fuzzy"]


@dataclass(frozen=True, slots=True)
class TitleHit:
    """A title search result.

    Attributes:
        title: the page's title.
        redirect_to: the article it redirects to, if it is a redirect (else None).
        match: how it matched: ``"prefix"``, ``"substring"`` or ``"fuzzy"``.
        score: higher is better (1.0 for a prefix match; similarity for the others).
    """

    title: str
    redirect_to: str | None = None
    match: TitleMatch = "prefix"
    score: float = 1.0

    @property
    def target(self) -> str:
        """The title to open (the redirect's target for a redirect)."""
        return self.redirect_to or self.title


@dataclass(frozen=True, slots=True)
class TextHit:
    """A full-text search result.

    Attributes:
        title: the article's title.
        snippet: a short excerpt of the article's plain text; each matched word is
            wrapped in ``\\x02`` ... ``\\x03`` (see :func:`highlight_spans`).
        score: relevance, higher is better (the negated bm25 rank).
    """

    title: str
    snippet: str
    score: float


def highlight_spans(snippet: str) -> list[tuple[str, bool]]:
    """Split a marked snippet into ``(text, highlighted)`` runs."""
    spans: list[tuple[str, bool]] = []
    for i, part in enumerate(snippet.split(MARK_START)):
        if i == 0:
            if part:
                spans.append((part, False))
            continue
        marked, _, rest = part.partition(MARK_END)
        if marked:
            spans.append((marked, True))
        if rest:
            spans.append((rest, False))
    return spans


_UNSAFE = re.compile(r"[\x00-\x1f\x7f\ud800-\udfff]")


def clean_query(query: str) -> str:
    """``query`` without control characters and lone surrogates (which SQLite and the
    UTF-8 codec cannot take), as spaces."""
    return _UNSAFE.sub(" ", query)


def _quote(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def fts_query(query: str, *, prefix: bool = False) -> str:
    """A safe FTS5 query for the user's ``query`` (empty when it has no words).

    With ``prefix``, the last word (when the query does not end with a space and the
    word has three letters or more) also matches longer words: search as you type.
    """
    parts: list[str] = []
    for phrase in _PHRASE.findall(query):
        words = _WORD.findall(phrase)
        if words:
            parts.append(_quote(" ".join(words)))
    rest = _PHRASE.sub(" ", query)
    words = _WORD.findall(rest)
    parts.extend(_quote(word) for word in words)
    if (prefix and words and len(words[-1]) >= 3 and not query[-1:].isspace()
            and rest.rstrip().endswith(words[-1])):
        parts[-1] += " *"
    return " ".join(parts)


def _redirect_targets(conn: sqlite3.Connection, ids: list[int]) -> dict[int, str]:
    if not ids:
        return {}
    marks = ",".join("?" * len(ids))
    rows = conn.execute(
        f"SELECT page_id, target FROM redirects WHERE page_id IN ({marks})", ids
    ).fetchall()
    return {page_id: target for page_id, target in rows}


def search_titles(conn: sqlite3.Connection, query: str, limit: int = 20,
                  cache: TrigramCounts | None = None) -> list[TitleHit]:
    """Titles matching ``query``: prefix matches first, then substring, then fuzzy
    (``cache`` keeps trigram counts between calls, see :class:`TrigramCounts`)."""
    key = fold(clean_query(query))
    if not key or limit <= 0:
        return []
    found: list[tuple[int, str, int, TitleMatch, float]] = []  # id, title, redirect, ...
    seen: set[int] = set()
    rows = conn.execute(
        "SELECT id, title, is_redirect FROM pages WHERE fold >= ? AND fold < ? "
        "ORDER BY fold, is_redirect, title LIMIT ?",
        (key, key + "\U0010ffff", limit),
    ).fetchall()
    for page_id, title, is_redirect in rows:
        seen.add(page_id)
        found.append((page_id, title, is_redirect, "prefix", 1.0))
    if len(found) < limit and len(key) >= 3:
        rows = conn.execute(
            "SELECT p.id, p.title, p.is_redirect, p.fold FROM title_tri t "
            "JOIN pages p ON p.id = t.rowid WHERE title_tri MATCH ? LIMIT ?",
            (_quote(key), _SUBSTRING_CANDIDATES),
        ).fetchall()
        # The query is inside each title: the shorter the title, the closer the match.
        scored = [(len(key) / max(len(folded), 1), page_id, title, is_redirect)
                  for page_id, title, is_redirect, folded in rows if page_id not in seen]
        scored.sort(key=lambda item: (-item[0], len(item[2]), item[2]))
        for score, page_id, title, is_redirect in scored[: limit - len(found)]:
            seen.add(page_id)
            found.append((page_id, title, is_redirect, "substring", score))
    if len(found) < min(limit, _FUZZY_WHEN_FEWER) and len(key) >= 4:
        for score, page_id, title, is_redirect in _fuzzy(conn, key, seen, cache):
            if len(found) >= limit:
                break
            found.append((page_id, title, is_redirect, "fuzzy", score))
    targets = _redirect_targets(conn, [row[0] for row in found if row[2]])
    return [TitleHit(title, targets.get(page_id), match, round(score, 4))
            for page_id, title, _, match, score in found]


def _ratio(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


def _similarity(key: str, folded: str) -> float:
    """How well the typed ``key`` matches the title ``folded`` (0..1).

    A longer title is also compared by its start of the key's length, so that a short
    query with a typo still finds ``"Thalidomide (drug)"``.
    """
    best = _ratio(key, folded)
    if len(folded) > len(key) + 1:
        best = max(best, _ratio(key, folded[:len(key)]))
    return best


def _grams(text: str) -> set[str]:
    return {text[i:i + 3] for i in range(len(text) - 2)}


def _edit_candidates(conn: sqlite3.Connection, key: str,
                     seen: set[int]) -> list[tuple[int, str, int, str]]:
    """Titles starting with the query after undoing one typo: two swapped neighbours or
    one extra character (a few index lookups; the trigram pass catches the rest)."""
    variants: dict[str, None] = {}
    for i in range(len(key) - 1):
        variants[key[:i] + key[i + 1] + key[i] + key[i + 2:]] = None
    for i in range(len(key)):
        variants[key[:i] + key[i + 1:]] = None
    variants.pop(key, None)
    found: list[tuple[int, str, int, str]] = []
    ids: set[int] = set(seen)
    for variant in variants:
        for row in conn.execute(
            "SELECT id, title, is_redirect, fold FROM pages WHERE fold >= ? AND fold < ? "
            "ORDER BY fold LIMIT 2", (variant, variant + "\U0010ffff")
        ):
            if row[0] not in ids:
                ids.add(row[0])
                found.append(row)
    return found


class TrigramCounts:
    """How many titles hold each trigram, remembered per connection.

    Counting means reading the trigram's posting list, which costs milliseconds for a
    common trigram in a million titles; while the user types, each key adds one new
    trigram, so remembering the others makes typo-tolerant search cheap.  Counts only
    choose which trigrams to look up, so slightly stale ones (after an import) are fine.
    """

    def __init__(self, size: int = 50_000) -> None:
        self.size = size
        self._counts: dict[str, int] = {}

    def counts(self, conn: sqlite3.Connection, grams: list[str]) -> dict[str, int]:
        """``{trigram: titles holding it}`` for the trigrams present in the index."""
        missing = [g for g in grams if g not in self._counts]
        if missing:
            if len(self._counts) + len(missing) > self.size:
                self._counts.clear()
            found = dict(conn.execute(
                f"SELECT term, doc FROM title_tri_vocab WHERE term IN "
                f"({','.join('?' * len(missing))})", missing).fetchall())
            for gram in missing:
                self._counts[gram] = found.get(gram, 0)
        return {g: self._counts[g] for g in grams if self._counts[g] > 0}


def _fuzzy(conn: sqlite3.Connection, key: str, seen: set[int],
           cache: TrigramCounts | None = None) -> list[tuple[float, int, str, int]]:
    """Typo-tolerant matches, by similarity.

    Candidates: titles starting with the query once one typo is undone
    (:func:`_edit_candidates`), then titles sharing the query's rarest trigrams — only
    the :data:`_FUZZY_TRIGRAMS` rarest, within a posting budget, so the cost follows
    the shortest posting lists — pre-ranked by how many trigrams they share with the
    query before the (slower) similarity is computed.
    """
    grams = sorted(_grams(key))
    counts = (cache if cache is not None else TrigramCounts()).counts(conn, grams)
    present = sorted((g for g in grams if g in counts), key=lambda g: counts[g])
    # The rarest trigrams, as many as the posting budget allows (at least two): titles
    # sharing more of them rank first (bm25 sums over the matched trigrams).
    chosen: list[str] = []
    postings = 0
    for gram in present[:_FUZZY_TRIGRAMS]:
        if len(chosen) >= 2 and postings + counts[gram] > _FUZZY_POSTINGS:
            break
        chosen.append(gram)
        postings += counts[gram]
    rows: list[tuple[int, str, int, str]] = []
    if chosen:
        rows = conn.execute(
            "SELECT p.id, p.title, p.is_redirect, p.fold FROM title_tri t "
            "JOIN pages p ON p.id = t.rowid WHERE title_tri MATCH ? ORDER BY t.rank LIMIT ?",
            (" OR ".join(_quote(g) for g in chosen), _FUZZY_CANDIDATES),
        ).fetchall()
    key_grams = _grams(key)
    ranked = sorted(((len(key_grams & _grams(row[3])), row) for row in rows
                     if row[0] not in seen), key=lambda item: -item[0])
    candidates = _edit_candidates(conn, key, seen)
    taken = {row[0] for row in candidates}
    candidates += [row for _, row in ranked if row[0] not in taken]
    scored = []
    for page_id, title, is_redirect, folded in candidates[:_FUZZY_SCORED + len(taken)]:
        score = _similarity(key, folded)
        if score >= _FUZZY_THRESHOLD:
            scored.append((score, page_id, title, is_redirect))
    scored.sort(key=lambda item: (-item[0], len(item[2]), item[2]))
    return scored


def search_text(conn: sqlite3.Connection, query: str, limit: int = 20, *,
                prefix: bool = False) -> list[TextHit]:
    """Articles whose text matches every word of ``query``, best first, with snippets
    (``prefix``: the last word may be incomplete, see :func:`fts_query`)."""
    match = fts_query(clean_query(query), prefix=prefix)
    if not match or limit <= 0:
        return []
    # Ranking costs about a microsecond per matching article; a query matching most of a
    # large library ("the") ranks only the first RANK_CAP matches (in import order).
    cap = conn.execute("SELECT rowid FROM text_fts WHERE text_fts MATCH ? LIMIT 1 OFFSET ?",
                       (match, RANK_CAP - 1)).fetchone()
    columns = "title, snippet(text_fts, 1, char(2), char(3), '…', 14), rank"
    if cap is None:
        rows = conn.execute(
            f"SELECT {columns} FROM text_fts WHERE text_fts MATCH ? ORDER BY rank LIMIT ?",
            (match, limit),
        ).fetchall()
    else:
        rows = conn.execute(
            f"SELECT {columns} FROM text_fts WHERE text_fts MATCH ? AND rowid <= ? "
            "ORDER BY rank LIMIT ?",
            (match, cap[0], limit),
        ).fetchall()
    return [TextHit(title, _SPACES.sub(" ", snippet).strip(), -rank)
            for title, snippet, rank in rows]
