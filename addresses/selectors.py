"""Read-only look-ups over the old → new units: the narrowing lists, the search, a result.

The whole table is ~1 000 rows and changes only with a data migration, so the lists the
form offers are built once per process while public content is unchanged.
"""

import re

from django.db.models import Prefetch

from addresses.constants import NewKind, Share
from addresses.models import Mapping, NewUnit, OldUnit
from portal.pagecache import per_process
from portal.text import fold, sort_key

SEARCH_LIMIT = 30
# Words a resident types before the name: "phường", "xã", "thị trấn", "p.", "tt".
_KIND_WORDS = re.compile(r"^(?:phuong|xa|thi tran|p\.?|x\.?|tt\.?)\s+")


def _places():
    rows = OldUnit.objects.values_list("province", "district").distinct()
    places = {}
    for province, district in rows:
        places.setdefault(province, set()).add(district)
    return {
        province: sorted(districts, key=_district_key)
        for province, districts in sorted(places.items(), key=lambda kv: sort_key(kv[0]))
    }


def _district_key(district):
    # Sort by the name, not by "Huyện"/"Quận"/"Thành phố" in front of it.
    name = re.sub(r"^(Huyện|Quận|Thành phố|Thị xã) ", "", district)
    return sort_key(name)


def places():
    """{old province: [old districts]} in Vietnamese dictionary order."""
    return per_process("addresses:places", _places)


def old_units_in(province, district):
    return OldUnit.objects.filter(province=province, district=district).order_by("sort_key")


def _with_mappings(queryset):
    return queryset.prefetch_related(
        Prefetch("mappings", queryset=Mapping.objects.select_related("new").order_by("new__item"))
    )


def old_unit(pk):
    return _with_mappings(OldUnit.objects.filter(pk=pk)).first()


def search(text, *, limit=SEARCH_LIMIT):
    """Former units whose name contains `text`, ignoring case and diacritics."""
    folded = _KIND_WORDS.sub("", fold(text))
    if not folded:
        return []
    units = _with_mappings(OldUnit.objects.filter(folded__contains=folded))
    # Exact names first ("An Hòa" before "Tân An Hòa"), then dictionary order.
    return sorted(units[: limit * 4], key=lambda u: (u.folded != folded, u.sort_key))[:limit]


def coverage():
    """Counts the page states: new units by kind, former units, former provinces."""

    def build():
        kinds = dict.fromkeys(NewKind.values, 0)
        for kind in NewUnit.objects.values_list("kind", flat=True):
            kinds[kind] += 1
        return {
            "new_units": sum(kinds.values()),
            "wards": kinds[NewKind.WARD],
            "communes": kinds[NewKind.COMMUNE],
            "special_zones": kinds[NewKind.SPECIAL_ZONE],
            "old_units": OldUnit.objects.count(),
            "provinces": list(_places()),
        }

    return per_process("addresses:coverage", build)


def describe(unit):
    """What became of a former unit: its new units, whether it was split, the items."""
    mappings = list(unit.mappings.all())
    return {
        "unit": unit,
        "mappings": mappings,
        "is_split": len(mappings) > 1,
        "items": sorted({m.new.item for m in mappings}),
        # A share of area alone moves no residents: the resolution's "một phần diện tích
        # tự nhiên của …" without "quy mô dân số".
        "has_area_only": any(m.share == Share.AREA_ONLY for m in mappings),
    }


def as_json(unit):
    described = describe(unit)
    return {
        "old": {
            "kind": unit.kind,
            "name": unit.name,
            "full_name": unit.full_name,
            "district": unit.district,
            "province": unit.province,
        },
        "split": described["is_split"],
        "items": described["items"],
        "new": [
            {
                "kind": m.new.kind,
                "name": m.new.name,
                "full_name": m.new.full_name,
                "share": m.share,
                "share_label": str(m.get_share_display()),
                "item": m.new.item,
            }
            for m in described["mappings"]
        ],
    }
