"""Vietnamese text helpers shared by every app: NFC, folding, slugs, sort keys.

Django's `slugify` drops "đ" and the admin's URLify maps it wrongly, and neither folds
tones: these helpers are the one place where Vietnamese text rules live.
"""

import re
import unicodedata

_SPACES = re.compile(r"\s+")
_NON_SLUG = re.compile(r"[^a-z0-9]+")

# Base letters of the Vietnamese alphabet in dictionary order (Đ after D, Ă/Â after A...).
_ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
_LETTER_RANK = {ch: i for i, ch in enumerate(_ALPHABET)}
# Tone marks in dictionary order: ngang, huyền, hỏi, ngã, sắc, nặng.
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}
# Marks that make a distinct letter (breve, circumflex, horn) rather than a tone.
_LETTER_MARKS = {"\u0306", "\u0302", "\u031b"}


def nfc(value):
    """Return `value` in Unicode NFC with runs of white space collapsed and ends trimmed."""
    if value is None:
        return value
    return _SPACES.sub(" ", unicodedata.normalize("NFC", str(value))).strip()


def fold(value):
    """Fold case and every Vietnamese diacritic: "ĐẠI HỘI" and "dai hoi" fold alike."""
    decomposed = unicodedata.normalize("NFD", str(value or ""))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    stripped = stripped.replace("đ", "d").replace("Đ", "D")
    return _SPACES.sub(" ", stripped.casefold()).strip()


def ascii_title(value):
    """A Vietnamese proper name without its diacritics, as English writes it:
    "Hải Phòng" -> "Hai Phong", "Đại Bản" -> "Dai Ban"."""
    decomposed = unicodedata.normalize("NFD", nfc(value))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return stripped.replace("đ", "d").replace("Đ", "D")


def slugify_vi(value, max_length=80):
    """Return a readable ASCII slug: "Đại hội Đảng bộ" -> "dai-hoi-dang-bo"."""
    slug = _NON_SLUG.sub("-", fold(value)).strip("-")
    if len(slug) > max_length:
        slug = slug[:max_length].rsplit("-", 1)[0] or slug[:max_length]
    return slug


def unique_slug(model, value, *, field="slug", instance=None, max_length=80):
    """Return a slug for `value` unique in `model`, adding -2, -3… on collision."""
    base = slugify_vi(value, max_length=max_length - 6) or "muc"
    candidate, n = base, 1
    queryset = model._default_manager.all()
    if instance is not None and instance.pk:
        queryset = queryset.exclude(pk=instance.pk)
    while queryset.filter(**{field: candidate}).exists():
        n += 1
        candidate = f"{base}-{n}"
    return candidate


def _letter_key(text):
    letters, tones = [], []
    for cluster in _clusters(unicodedata.normalize("NFD", text.casefold())):
        base, marks = cluster[0], cluster[1:]
        letter = base
        tone = 0
        for mark in marks:
            if mark in _LETTER_MARKS:
                letter = unicodedata.normalize("NFC", letter + mark)
            elif mark in _TONES:
                tone = _TONES[mark]
        if letter == "đ" or base == "đ":
            letter = "đ"
        rank = _LETTER_RANK.get(letter)
        letters.append(chr(0x100 + rank) if rank is not None else letter)
        tones.append(str(tone))
    return "".join(letters), "".join(tones)


def _clusters(decomposed):
    cluster = ""
    for ch in decomposed:
        if unicodedata.combining(ch) and cluster:
            cluster += ch
        else:
            if cluster:
                yield cluster
            cluster = ch
    if cluster:
        yield cluster


def sort_key(value):
    """Return a string whose binary order is Vietnamese dictionary order.

    Word by word: letters first (a < ă < â < b … d < đ < e), then tones (ngang < huyền
    < hỏi < ngã < sắc < nặng), before the next word — so "Ha" < "Hả" < "Hai". Stored in
    a column and ordered with portal.db.BinarySort, it sorts identically on SQLite and
    PostgreSQL. "\x01" separates the parts: it sorts below every letter.
    """
    words = nfc(value or "").split(" ")
    return "\x01".join("{}\x01{}".format(*_letter_key(word)) for word in words)


def name_sort_key(full_name):
    """Sort key of a Vietnamese personal name: given name, then family, then middle names.

    Directories and class lists order by the given name: "Đỗ Thị Ha" < "Bùi Thị Hả"
    because Ha < Hả, whatever the family name.
    """
    parts = nfc(full_name or "").split(" ")
    ordered = [parts[-1], parts[0], *parts[1:-1]] if len(parts) > 1 else parts
    return sort_key(" ".join(ordered))
