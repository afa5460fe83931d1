"""The `versions` filter: what a cached list of cards changes with."""

from types import SimpleNamespace

from django.template import Context, Template

from portal.templatetags.fragments import versions


def test_versions_reads_each_path_of_each_object_in_order():
    field = SimpleNamespace(name="Hộ tịch")
    cards = [
        SimpleNamespace(pk=1, updated_at="t1", field=field),
        SimpleNamespace(pk=2, updated_at="t2", field=field),
    ]
    assert versions(cards, "pk updated_at field.name") == [
        (1, "t1", "Hộ tịch"),
        (2, "t2", "Hộ tịch"),
    ]


def test_a_renamed_related_object_changes_the_versions():
    card = SimpleNamespace(pk=1, updated_at="t1", field=SimpleNamespace(name="Hộ tịch"))
    before = versions([card], "pk field.name")
    card.field.name = "Chứng thực"
    assert versions([card], "pk field.name") != before


def test_the_filter_is_usable_in_a_template():
    template = Template('{% load fragments %}{{ cards|versions:"pk" }}')
    assert template.render(Context({"cards": [SimpleNamespace(pk=7)]})) == "[(7,)]"
