"""Create the four staff roles as groups; their permissions come from staff.roles.sync_roles.

Permissions do not exist until post_migrate, so they are assigned there (idempotently),
not here. Self-contained: the names are written out rather than imported.
"""

from django.db import migrations

ROLE_NAMES = ["Tiếp nhận", "Chuyên viên", "Lãnh đạo", "Biên tập viên"]


def create_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for name in ROLE_NAMES:
        Group.objects.using(schema_editor.connection.alias).get_or_create(name=name)


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("staff", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_groups, migrations.RunPython.noop)]
