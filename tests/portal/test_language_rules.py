"""The portal's Vietnamese house style, one guard per rule.

Each rule is checked where the words live: the templates, the apps' Python (not the
migrations: they are history), the JSON fixtures, the demo content and the Vietnamese
catalogues. A failure names the file and the words, so the fix is one search away.
"""

import datetime as dt
import html
import json
import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from procedures.validators import check_id_number_matches

BASE = Path(settings.BASE_DIR)
APPS = [
    "anphong",
    "congress",
    "demo",
    "notifications",
    "personnel",
    "portal",
    "procedures",
    "staff",
]
VI_CATALOGUES = [BASE / "locale" / "vi", BASE / "locale" / "overrides" / "vi"]
ERROR_PAGES = ["400", "403", "403_csrf", "404", "429", "500", "503", "503_upload", "error_base"]
# Pages for staff, not residents: Django's admin and the staff login's lockout.
STAFF_TEMPLATES = ("admin/", "staff/", "notifications/test_message")


def _json_strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _json_strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _json_strings(item)


def _sources():
    """{relative path: text} of every place the portal's Vietnamese is written."""
    files = {}
    for path in (BASE / "templates").rglob("*"):
        if path.suffix in (".html", ".txt"):
            files[path] = path.read_text(encoding="utf-8")
    for app in APPS:
        for path in (BASE / app).rglob("*.py"):
            if "migrations" not in path.parts:
                files[path] = path.read_text(encoding="utf-8")
    for path in (BASE / "fixtures").rglob("*.json"):
        data = json.loads(path.read_text(encoding="utf-8"))
        files[path] = "\n".join(_json_strings(data))
    for root in VI_CATALOGUES:
        for path in root.rglob("*.po"):
            files[path] = path.read_text(encoding="utf-8")
    return {str(path.relative_to(BASE)): text for path, text in files.items()}


SOURCES = _sources()


def _found(pattern, *, flags=0, allowed=None, sources=None):
    """["file: match", …] for each match of `pattern` that `allowed` (a str) does not equal."""
    hits = []
    for name, text in sorted((sources or SOURCES).items()):
        for match in re.finditer(pattern, text, flags):
            if allowed is None or match.group(0) != allowed:
                hits.append(f"{name}: {match.group(0)}")
    return hits


def _anywhere(text):
    return any(text in source for source in SOURCES.values())


def test_the_scan_reads_every_kind_of_source():
    kinds = {Path(name).parts[0] for name in SOURCES}
    assert {"templates", "portal", "procedures", "fixtures", "locale", "demo"} <= kinds


# 1. "phường" is lower case inside a name: "Cổng thông tin điện tử phường An Phong".


def test_the_unit_word_is_lower_case_inside_a_name():
    assert _found(r"[a-zà-ỹđ]+ Phường [A-ZĐ]\S*") == []
    # The ward's name ("Phường An Phong") written after other words comes from
    # WardProfile.name_in_text, never from the name itself.
    after_a_word = r"with [^%]*\bname=ward\.name[ %][^%]*%\}[^{]*[a-zà-ỹđ] \{\{ name \}\}"
    assert _found(after_a_word) == []


def test_the_wards_name_inside_a_sentence_and_in_english():
    from portal.models import WardProfile

    ward = WardProfile(name="Phường An Phong", city="Thành phố Hải Phòng")
    with translation.override("vi"):
        assert (ward.name_in_text, ward.name_i18n) == ("phường An Phong", "Phường An Phong")
        assert ward.city_i18n == "Thành phố Hải Phòng"
    with translation.override("en"):
        assert (ward.name_in_text, ward.name_i18n) == ("An Phong Ward", "An Phong Ward")
        assert ward.city_i18n == "Hai Phong City"


@pytest.mark.django_db
def test_the_home_page_names_the_portal_with_a_lower_case_unit(client):
    with translation.override("vi"):
        page = client.get(reverse("portal:home")).content.decode()
    h1 = re.search(r"<h1[^>]*>(.*?)</h1>", page, re.S).group(1)
    assert " ".join(h1.split()) == "Cổng thông tin điện tử phường An Phong"


# 2. "Bí thư Đảng ủy phường", without a comma.


def test_the_secretarys_title_has_no_comma():
    assert _found(r"Bí thư,\s*Đảng ủy|Bí thư Đảng ủy,\s*phường") == []


@pytest.mark.django_db
def test_the_leadership_page_writes_the_secretary_of_the_ward_party_committee(client):
    call_command("loaddata", str(BASE / "fixtures/demo/050_organisation.json"), verbosity=0)
    page = client.get(reverse("personnel:leadership")).content.decode()
    text = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())
    text = text.replace(" ,", ",")
    assert "Bí thư, Đảng ủy" not in text
    assert "Bí thư Đảng ủy phường An Phong" in text


# 3. "Trung tâm Phục vụ hành chính công", one spelling (or all capitals on a form).


def test_the_service_centre_is_spelt_one_way():
    hits = [
        hit
        for hit in _found(r"trung tâm phục vụ hành chính công", flags=re.I)
        if not hit.endswith(
            ("Trung tâm Phục vụ hành chính công", "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG")
        )
    ]
    assert hits == []


# 4. "khâu đột phá", not "đột phá chiến lược".


def test_breakthroughs_are_khau_dot_pha():
    assert _found(r"đột phá chiến lược", flags=re.I) == []
    assert _anywhere("khâu đột phá")


# 5. Error pages address residents as "ông/bà", like the rest of the resident's pages.


def test_resident_pages_say_ong_ba_not_ban():
    resident_templates = {
        name: text
        for name, text in SOURCES.items()
        if name.startswith("templates/")
        and not name[len("templates/") :].startswith(STAFF_TEMPLATES)
    }
    assert _found(r"\b[Bb]ạn\b", sources=resident_templates) == []
    for page in ERROR_PAGES:
        assert f"templates/{page}.html" in resident_templates


def test_error_pages_that_address_the_resident_say_ong_ba():
    for page in ("403", "403_csrf", "404", "429", "503", "503_upload"):
        assert "ông/bà" in SOURCES[f"templates/{page}.html"].lower(), page


# 6. "An Phong qua những con số", not the calque "… trong số liệu".


def test_the_figures_heading_is_qua_nhung_con_so():
    assert _found(r"trong số liệu") == []
    assert "An Phong qua những con số" in SOURCES["templates/portal/home.html"]


# 7. "đơn vị hành chính cũ hợp thành".


def test_the_former_units_are_don_vi_hanh_chinh_cu_hop_thanh():
    hits = _found(r"[Đđ]ơn vị (?:\w+ ){0,3}hợp thành")
    assert [hit for hit in hits if not hit.endswith("ơn vị hành chính cũ hợp thành")] == []
    assert _anywhere("đơn vị hành chính cũ hợp thành")


# 8. "Chỉ nhận trực tiếp" instead of "Một phần – tạm chưa nhận trực tuyến".


def test_a_procedure_not_taken_online_says_chi_nhan_truc_tiep():
    assert _found(r"tạm chưa nhận trực tuyến|Một phần\s*[–-]\s*tạm chưa", flags=re.I) == []
    assert _anywhere("Chỉ nhận trực tiếp")


# 9. One term for e-mail: "thư điện tử" in Vietnamese, "e-mail" in English.


def _vietnamese_texts():
    """The Vietnamese a resident or officer reads: msgids and Vietnamese msgstrs, fixtures."""
    with open(BASE / "locale/en/LC_MESSAGES/django.po", "rb") as f:
        texts = {f"msgid: {m.id if isinstance(m.id, str) else m.id[0]}" for m in read_po(f)}
    for root in VI_CATALOGUES:
        for path in root.rglob("*.po"):
            with open(path, "rb") as f:
                for m in read_po(f):
                    strings = [m.string] if isinstance(m.string, str) else m.string
                    texts.update(f"{path.name}: {s}" for s in strings if s)
    for name, text in SOURCES.items():
        if name.startswith("fixtures/"):
            texts.add(f"{name}: {text}")
    return texts


def test_e_mail_is_thu_dien_tu_in_vietnamese_and_e_mail_in_english():
    assert [t for t in _vietnamese_texts() if re.search(r"\b[Ee]-?mail\b", t)] == []
    with open(BASE / "locale/en/LC_MESSAGES/django.po", "rb") as f:
        english = [m.string for m in read_po(f) if m.id and isinstance(m.string, str)]
    assert [s for s in english if re.search(r"\bemail\b", s, re.I)] == []


# 10. Party style: "Nhân dân" (the People) and "Đại hội" (the Congress) with capitals;
# organ names keep "nhân dân" lower case ("Ủy ban nhân dân", Decree 30/2020).

ORGANS_OF_THE_PEOPLE = r"(?:Hội đồng|Ủy ban|Uỷ ban|Công an|Quân đội|Tòa án|Viện kiểm sát)"


def test_nhan_dan_is_capitalised_except_in_organ_names():
    lower = [
        hit
        for hit in _found(r"(\S+ \S+ )?nhân dân")
        if not re.search(rf"{ORGANS_OF_THE_PEOPLE} nhân dân$", hit)
    ]
    assert lower == []
    assert _found(rf"{ORGANS_OF_THE_PEOPLE} Nhân dân") == []


def test_dai_hoi_is_capitalised():
    # Only the generic "giữa hai kỳ đại hội" (between any two congresses) stays lower case.
    assert [hit for hit in _found(r"(\S+ )?đại hội") if not hit.endswith("kỳ đại hội")] == []


# 11. Printed forms are dated "ngày 05 tháng 01 năm 2026" (Decree 30/2020, Appendix I).


@pytest.mark.django_db
def test_printed_forms_write_the_date_with_leading_zeros(client, clock):
    from django.contrib.auth import get_user_model

    from tests.procedures.factories import DossierFactory
    from tests.staff.fixtures import at

    clock.now = at(2026, 1, 5, 9, 0)
    dossier = DossierFactory()
    client.force_login(
        get_user_model().objects.create(username="in", is_staff=True, is_superuser=True)
    )
    # Form 05, the processing control sheet, is printed for any dossier.
    url = reverse("admin:procedures_dossier_print", args=[dossier.pk, "06"])
    with translation.override("vi"):
        sheet = client.get(url).content.decode()
    assert "ngày 05 tháng 01 năm 2026" in " ".join(sheet.split())
    print_sources = {
        n: t for n, t in SOURCES.items() if n.startswith("templates/procedures/print/")
    }
    assert _found(r'(?:now|date:)\s*"[jn]"', sources=print_sources) == []


# 12. One date-time order everywhere: dd/mm/yyyy HH:MM.


def test_date_and_time_are_written_date_first():
    assert _found(r"H:i[^\"'\n]{0,6}d/m") == []
    assert _found(r"%H:%M[^\"'\n]{0,6}%d/%m") == []
    assert _found(r'date:"H:i" \}\},? \{\{ [\w.]+\|date:"d/m/Y"') == []
    from anphong.formats.en import formats as en
    from anphong.formats.vi import formats as vi

    assert vi.SHORT_DATETIME_FORMAT == en.SHORT_DATETIME_FORMAT == "d/m/Y H:i"


# 13. Demo ID numbers pass the portal's own century rule (Circular 59/2021/TT-BCA Art. 7).


def test_fixture_id_numbers_pass_the_century_rule():
    wrong = []
    for path in (BASE / "fixtures").rglob("*.json"):
        for row in json.loads(path.read_text(encoding="utf-8")):
            fields = row.get("fields", {})
            if fields.get("id_number") and fields.get("birth_date"):
                try:
                    born = dt.date.fromisoformat(fields["birth_date"])
                    check_id_number_matches(fields["id_number"], born, fields.get("sex"))
                except ValidationError:
                    wrong.append((path.name, fields["id_number"]))
    assert wrong == []


@pytest.mark.django_db
def test_demo_dossiers_id_numbers_pass_the_century_rule(clock):
    from procedures.models import Dossier
    from tests.demo.test_dossiers import load
    from tests.staff.fixtures import at

    clock.now = at(2026, 11, 25, 15, 30)
    load()
    wrong = []
    for dossier in Dossier.objects.all():
        try:
            check_id_number_matches(dossier.id_number, dossier.birth_date, dossier.sex)
        except ValidationError:
            wrong.append((dossier.id_number, dossier.birth_date, dossier.sex))
    assert Dossier.objects.exists()
    assert wrong == []


# 14. Party organs carry the ward's name: "Đảng ủy phường An Phong".

PARTY_ORGAN = re.compile(r"^(Đảng ủy|Đảng bộ|Ban Chấp hành|Ban Thường vụ|Ủy ban Kiểm tra)\b")


def test_party_organs_carry_the_wards_name():
    organs = []
    for path in (BASE / "fixtures").rglob("*.json"):
        for row in json.loads(path.read_text(encoding="utf-8")):
            if row.get("model") == "personnel.organ":
                organs.append(row["fields"]["name"])
    party = [name for name in organs if PARTY_ORGAN.match(name)]
    assert party  # the fixture has the Party organs
    assert [name for name in party if "phường An Phong" not in name] == []
