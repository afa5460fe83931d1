"""Site search: a small registry where each app plugs in what it can find.

An app registers a provider (in its AppConfig.ready or a module imported there):

    from portal.search import registry as search

    @search.register
    class ProcedureSearch(search.Provider):
        kind = "procedure"
        label = _("Thủ tục hành chính")

        def search(self, query, limit):
            # query.terms: folded words ("dai", "hoi"); query.text: what was typed (NFC)
            return [search.Hit(title=..., url=..., kind=self.kind, score=...,
                               date=..., text=<plain text to excerpt>,
                               terms=query.terms), ...]

Scores: 0–100, higher is better; a hit whose title holds every word should score above
one that only mentions them in its text. Each provider returns at most `limit` hits,
best first; the page merges them by score, then date (newest first; undated reference
pages such as a procedure or a person before dated news of equal score). Matching ignores case and
Vietnamese diacritics: compare `query.terms` against a column filled with
`index_text()` on save, with `AllWordStarts` (see congress/search.py for a complete
example, and portal.db.search_words_columns for its PostgreSQL index). A small set
(procedures, organs, people: a few hundred rows) may instead be read whole once per
process with `portal.pagecache.per_process()` and matched in Python with
`starts_words()`.
"""

import html
import re
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache

from django.conf import settings
from django.core.cache import cache
from django.db.models import BooleanField, Expression, F, Q
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from portal import pagecache
from portal.text import fold, nfc

MAX_QUERY_LENGTH = 200
MAX_TERMS = 8
_providers = []


@dataclass(frozen=True)
class Query:
    text: str
    terms: tuple

    @classmethod
    def parse(cls, raw):
        text = nfc((raw or "")[:MAX_QUERY_LENGTH])
        terms = tuple(dict.fromkeys(t for t in re.split(r"[^\w]+", fold(text)) if t))
        return cls(text=text, terms=terms[:MAX_TERMS])

    @property
    def phrase(self):
        """The words in order, for phrase matching against an `index_text` column."""
        return " " + " ".join(self.terms)

    def word_prefixes(self):
        return [" " + t for t in self.terms]


@dataclass
class Hit:
    """One result. Give either `snippet` (HTML-safe) or `text` + `terms`: the excerpt of
    `text` is then built only if the hit is on the page shown (cheap for 200 hits)."""

    title: str
    url: str
    kind: str
    score: float
    date: date | datetime | None = None
    snippet: str = ""
    text: str = ""
    terms: tuple = ()
    kind_label: str = ""
    extra: dict = field(default_factory=dict)

    @property
    def day(self):
        """The hit's calendar day: a datetime is read in the ward's time zone."""
        d = self.date
        if isinstance(d, datetime):
            return timezone.localtime(d).date() if timezone.is_aware(d) else d.date()
        return d

    @property
    def excerpt(self):
        if self.snippet or not self.text:
            return self.snippet
        return snippet(self.text, self.terms)


class Provider:
    kind = ""
    label = ""

    def search(self, query, limit):  # pragma: no cover - interface
        raise NotImplementedError


def index_text(*parts):
    """The folded search column for `parts`: " word word … " (spaces at both ends).

    Words are folded (no case, no diacritics) and separated by single spaces, so a
    provider matches the start of a word with `column__contains=" " + term` and a phrase
    with `column__contains=query.phrase`.
    """
    words = re.split(r"[^\w]+", fold(" ".join(str(p or "") for p in parts)))
    return " " + " ".join(w for w in words if w) + " "


class AllWordStarts(Expression):
    """Every one of `words` (" dai", " hoi": `Query.word_prefixes()`) starts a word of the
    model's folded `search_text`, as a filter: `.filter(AllWordStarts(words))`.

    Everywhere it is `search_text LIKE '% dai%' AND …`. On PostgreSQL it asks the
    generated `search_words` tsvector instead (portal.db.search_words_columns): the same
    question — 'dai':* is "a word starting with dai" — answered by a GIN index for a rare
    word, and, for a common one walked down the date index, a lexeme lookup per row
    instead of LIKE over the whole text, with a cheaper estimate for the planner (LIKE
    patterns are tried against the column's histogram of whole texts).
    """

    conditional = True
    output_field = BooleanField()

    def __init__(self, words):
        super().__init__()
        self.words = list(words)
        if not self.words:
            raise ValueError("AllWordStarts needs at least one word")

    def resolve_expression(self, query=None, *args, **kwargs):
        resolved = self.copy()
        like = Q(*[Q(search_text__contains=word) for word in self.words])
        resolved.like = like.resolve_expression(query, *args, **kwargs)
        # The column the tsvector sits beside, as this query names its table: an alias
        # such as U0 inside a sub-select (relabelled with the query, being a source).
        resolved.text = F("search_text").resolve_expression(query, *args, **kwargs)
        return resolved

    def get_source_expressions(self):
        return [getattr(self, "like", None), getattr(self, "text", None)]

    def set_source_expressions(self, exprs):
        self.like, self.text = exprs

    def as_sql(self, compiler, connection):
        return compiler.compile(self.like)

    def as_postgresql(self, compiler, connection):
        text_sql, _ = compiler.compile(self.text)  # "U0"."search_text"
        text_column = connection.ops.quote_name("search_text")
        if not text_sql.endswith(text_column):
            raise ValueError(f"AllWordStarts: unexpected column {text_sql}")
        column = text_sql.removesuffix(text_column) + "search_words"
        # 'dai':* & 'hoi':*, built from the same parameters (quoted: no query syntax).
        query = " || ' & ' || ".join(["quote_literal(btrim(%s)) || ':*'"] * len(self.words))
        return f"{column} @@ ({query})::tsquery", list(self.words)


def starts_words(folded, terms):
    """Every folded term starts a word of `folded` (start of the text or after a space):
    in Python, what `column LIKE 'term%' OR column LIKE '% term%'` asks a database."""
    padded = " " + folded
    return all(" " + term in padded for term in terms)


def best_first(found, limit):
    """The `limit` best of (score, row) pairs; equal scores keep the order read."""
    found.sort(key=lambda pair: pair[0], reverse=True)
    return found[:limit]


def register(provider_class):
    """Register a provider class (usable as a decorator)."""
    if not any(type(p) is provider_class for p in _providers):
        _providers.append(provider_class())
    return provider_class


def unregister(provider_class):
    """Remove the provider registered for `provider_class`, if any."""
    _providers[:] = [p for p in _providers if type(p) is not provider_class]


@contextmanager
def registered(provider_class):
    """Register `provider_class` for the duration of a `with` block (tests, one-off
    tools); a provider that was already registered stays registered after it."""
    already = any(type(p) is provider_class for p in _providers)
    register(provider_class)
    try:
        yield provider_class
    finally:
        if not already:
            unregister(provider_class)


def providers():
    return list(_providers)


def _sort_date(hit):
    d = hit.date
    if d is None:
        # Undated hits are reference pages (a procedure, an organ, a person): at equal
        # relevance they come before the news that mention them.
        return float("inf")
    if isinstance(d, datetime):
        return d.timestamp()
    return datetime(d.year, d.month, d.day).timestamp()


def run(query, *, limit):
    """Ask every provider, merge by score then date; return (hits, truncated).

    The merged results are kept in the cache for SEARCH_CACHE_SECONDS under the
    page-cache version, keyed by the folded words, so that every spelling of a query
    ("Đại hội", "ĐẠI HỘI", "dai  hoi") shares them; any change of public content and
    the next scheduled publication renew them, as they do cached pages.
    """
    if not query.terms:
        return [], False
    seconds = settings.SEARCH_CACHE_SECONDS
    if seconds <= 0:
        return _run(query, limit=limit)
    current = pagecache.version()
    key = pagecache.versioned_key("search", get_language(), limit, *query.terms, current=current)
    found = cache.get(key)
    if found is None:
        found = _run(query, limit=limit)
        timeout = pagecache.timeout_for(seconds, current)
        if timeout > 0:
            cache.set(key, found, timeout)
    return found


def _run(query, *, limit):
    hits, truncated = [], False
    for provider in _providers:
        found = list(provider.search(query, limit + 1))
        if len(found) > limit:
            truncated, found = True, found[:limit]
        label = str(provider.label)  # translated once per provider, not once per hit
        for hit in found:
            hit.kind_label = hit.kind_label or label
        hits.extend(found)
    hits.sort(key=lambda h: (h.score, _sort_date(h)), reverse=True)
    return hits, truncated


@lru_cache(maxsize=8192)
def _fold_char(ch):
    return fold(ch) or (" " if ch.isspace() else "")


class _FoldTable(dict):
    """A str.translate() table folding one character at a time, filled as characters
    are met; notes the characters that fold to nothing or to several."""

    uneven = set()

    def __missing__(self, code):
        folded = _fold_char(chr(code))
        if len(folded) != 1:
            self.uneven.add(chr(code))
        if len(self) < 8192:
            self[code] = folded
        return folded


_FOLD_TABLE = _FoldTable()


def _fold_map(text):
    """Fold `text` char by char, keeping for each folded char the index it came from
    (None when every char folds to exactly one: the indexes are the same)."""
    folded = text.translate(_FOLD_TABLE)
    if _FOLD_TABLE.uneven.isdisjoint(text):  # NFC Vietnamese: the usual case
        return folded, None
    folded, origin = [], []
    for i, ch in enumerate(text):
        for f in _fold_char(ch):
            folded.append(f)
            origin.append(i)
    return "".join(folded), origin


def _escape(text):
    """django.utils.html.escape() without its lazy-string check (20 excerpts call it
    ~150 times per page)."""
    return html.escape(text, quote=True)


def snippet(text, terms, *, width=220):
    """Return an HTML-safe excerpt of `text` around the first term, terms in <mark>."""
    text = " ".join((text or "").split())
    if not text:
        return ""
    folded, origin = _fold_map(text)
    spans = []
    for term in terms:
        for m in re.finditer(re.escape(term), folded):
            if origin is None:
                spans.append(m.span())
            else:
                spans.append((origin[m.start()], origin[m.end() - 1] + 1))
    first = min((s for s, _ in spans), default=0)
    begin = max(0, first - width // 3)
    if begin:
        space = text.find(" ", begin)
        begin = space + 1 if 0 <= space < first else begin
    end = min(len(text), begin + width)
    if end < len(text):
        space = text.rfind(" ", begin, end)
        end = space if space > first else end
    spans = sorted((max(s, begin), min(e, end)) for s, e in spans if s < end and e > begin)
    out, pos = [], begin
    for s, e in spans:
        if s < pos:
            continue
        out.append(_escape(text[pos:s]))
        out.append(f"<mark>{_escape(text[s:e])}</mark>")
        pos = e
    out.append(_escape(text[pos:end]))
    html = "".join(out)
    return mark_safe(("… " if begin else "") + html + (" …" if end < len(text) else ""))  # noqa: S308
