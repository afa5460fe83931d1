"""The English catalogue is complete: every page under /en/ speaks English.

An empty msgstr makes gettext fall back to the Vietnamese msgid, so an /en/ page declared
lang="en" would show Vietnamese; a fuzzy entry is not compiled at all, with the same
effect. The catalogues are read with Babel (the Makefile compiles them with it too).
"""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from django.conf import settings
from django.utils import translation

EN = Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES"
CATALOGUES = sorted(EN.glob("*.po"))
# Letters only Vietnamese uses among the portal's languages.
VIETNAMESE = re.compile(
    r"[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]", re.I
)
# A document's number and symbol ("01-NQ/ĐU", "125/QĐ-UBND") is the same in any language.
DOCUMENT_SYMBOL = re.compile(r"[\w.-]*/[\w./-]+")
PLACEHOLDER = re.compile(r"%\(\w+\)[sdi]|%%|%[sd]")


def _messages(path):
    with open(path, "rb") as f:
        return [m for m in read_po(f) if m.id]


def _strings(message):
    return [message.string] if isinstance(message.string, str) else list(message.string)


def _ids(message):
    return [message.id] if isinstance(message.id, str) else list(message.id)


def test_there_is_an_english_catalogue():
    assert EN / "django.po" in CATALOGUES
    assert len(_messages(EN / "django.po")) > 1000  # the parser reads the whole file


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: p.name)
def test_no_entry_is_untranslated_or_fuzzy(path):
    untranslated = [_ids(m)[0] for m in _messages(path) if not all(_strings(m))]
    fuzzy = [_ids(m)[0] for m in _messages(path) if m.fuzzy]
    assert untranslated == []
    assert fuzzy == []


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: p.name)
def test_no_translation_is_left_in_vietnamese(path):
    """A msgstr copied from its msgid (or half translated) still shows Vietnamese."""
    left = [
        (_ids(m)[0], text)
        for m in _messages(path)
        for text in _strings(m)
        if VIETNAMESE.search(DOCUMENT_SYMBOL.sub("", text))
    ]
    assert left == []


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: p.name)
def test_translations_keep_the_placeholders(path):
    """A placeholder lost or misspelt raises (or drops a value) when the page renders."""
    wrong = []
    for m in _messages(path):
        expected = sorted(set(PLACEHOLDER.findall(" ".join(_ids(m)))))
        for text in _strings(m):
            if sorted(set(PLACEHOLDER.findall(text))) != expected:
                wrong.append((_ids(m)[0], text))
    assert wrong == []


def test_the_compiled_catalogue_is_the_current_one():
    """The .mo the site loads carries the .po's newest entries (`make messages`)."""
    latest = [m for m in _messages(EN / "django.po") if isinstance(m.id, str)]
    missing = []
    with translation.override("en"):
        for m in latest:
            if translation.gettext(m.id) != m.string:
                missing.append(m.id)
    assert missing == []


def test_the_catalogue_holds_every_message_of_the_code(tmp_path):
    """`make messages-extract` on a copy of the code adds no message and drops none: a
    string marked for translation but missing from the catalogue would show Vietnamese
    under /en/ with every test above still green."""
    root = Path(settings.BASE_DIR)
    copy = tmp_path / "src"
    shutil.copytree(
        root,
        copy,
        ignore=shutil.ignore_patterns(
            ".git", ".venv", "var", "staticfiles", "media", "mutants", "__pycache__", "*.mo"
        ),
    )
    subprocess.run(
        [shutil.which("make"), "-s", "messages-extract", f"PY={sys.executable}"],
        cwd=copy,
        check=True,
        capture_output=True,
    )

    def ids(path):
        return {_ids(m)[0] for m in _messages(path)}

    extracted, committed = ids(copy / "locale/en/LC_MESSAGES/django.po"), ids(EN / "django.po")
    assert sorted(extracted - committed) == []  # in the code, not in the catalogue
    assert sorted(committed - extracted) == []  # in the catalogue, gone from the code
