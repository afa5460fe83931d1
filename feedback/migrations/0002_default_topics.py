"""The topics a ward's reports fall under; editors rename, reorder or add in the admin."""

from django.db import migrations

TOPICS = [
    ("Thủ tục hành chính", "thu-tuc-hanh-chinh", 1),
    ("Trật tự đô thị", "trat-tu-do-thi", 2),
    ("Môi trường, vệ sinh", "moi-truong-ve-sinh", 3),
    ("Hạ tầng, giao thông, chiếu sáng", "ha-tang-giao-thong-chieu-sang", 4),
    ("An ninh, trật tự", "an-ninh-trat-tu", 5),
    ("Khác", "khac", 9),
]


def add_topics(apps, schema_editor):
    Topic = apps.get_model("feedback", "Topic")
    for name, slug, order in TOPICS:
        Topic.objects.get_or_create(slug=slug, defaults={"name": name, "order": order})


class Migration(migrations.Migration):
    dependencies = [("feedback", "0001_initial")]

    operations = [migrations.RunPython(add_topics, migrations.RunPython.noop)]
