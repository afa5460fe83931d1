# The term targets leave the Congress record (they are facts of the term, created by the
# next migration) and gain a baseline, a source of values and a history of values.

import datetime

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("congress", "0003_party_style_labels"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name="congresstarget", name="congress_target_code_unique"
        ),
        migrations.RenameModel(old_name="CongressTarget", new_name="Target"),
        migrations.RenameField(model_name="target", old_name="indicator", new_name="name"),
        migrations.RenameField(model_name="target", old_name="indicator_en", new_name="name_en"),
        migrations.RenameField(model_name="target", old_name="comparison", new_name="direction"),
        migrations.RemoveField(model_name="target", name="congress"),
        migrations.AddField(
            model_name="target",
            name="term",
            field=models.CharField(
                default="2025–2030",
                help_text="Tên nhiệm kỳ như ở Đại hội, ví dụ: 2025–2030.",
                max_length=20,
                verbose_name="nhiệm kỳ",
            ),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="target",
            name="due_on",
            field=models.DateField(
                default=datetime.date(2030, 12, 31),
                help_text="Cuối nhiệm kỳ: tiến độ được so với lộ trình đều đến ngày này.",
                verbose_name="hạn đạt chỉ tiêu",
            ),
            preserve_default=False,
        ),
        migrations.AlterModelOptions(
            name="target",
            options={
                "ordering": ["term", "order", "pk"],
                "verbose_name": "chỉ tiêu nhiệm kỳ",
                "verbose_name_plural": "chỉ tiêu nhiệm kỳ",
            },
        ),
        migrations.AddField(
            model_name="target",
            name="baseline_label",
            field=models.CharField(
                blank=True, max_length=255, verbose_name="mô tả giá trị xuất phát"
            ),
        ),
        migrations.AddField(
            model_name="target",
            name="baseline_label_en",
            field=models.CharField(
                blank=True, max_length=255, verbose_name="mô tả giá trị xuất phát (tiếng Anh)"
            ),
        ),
        migrations.AddField(
            model_name="target",
            name="baseline_on",
            field=models.DateField(
                blank=True, null=True, verbose_name="thời điểm của giá trị xuất phát"
            ),
        ),
        migrations.AddField(
            model_name="target",
            name="baseline_source",
            field=models.CharField(
                blank=True, max_length=255, verbose_name="nguồn giá trị xuất phát"
            ),
        ),
        migrations.AddField(
            model_name="target",
            name="baseline_value",
            field=models.DecimalField(
                blank=True,
                decimal_places=2,
                help_text="Chỉ khi có số liệu thật của cùng chỉ tiêu ở nhiệm kỳ trước.",
                max_digits=9,
                null=True,
                verbose_name="giá trị xuất phát",
            ),
        ),
        migrations.AddField(
            model_name="target",
            name="computed_from",
            field=models.CharField(
                choices=[
                    ("editor", "Biên tập viên nhập số liệu"),
                    ("fully_online", "Tự động: tỷ lệ hồ sơ xử lý trực tuyến toàn trình"),
                ],
                default="editor",
                max_length=20,
                verbose_name="nguồn số liệu tiến độ",
            ),
        ),
        migrations.AlterField(
            model_name="target",
            name="code",
            field=models.SlugField(
                help_text="Mã cố định, dùng trong đường dẫn, ví dụ: ho-so-truc-tuyen-toan-trinh.",
                max_length=60,
                unique=True,
                verbose_name="mã chỉ tiêu",
            ),
        ),
        migrations.AlterField(
            model_name="target",
            name="direction",
            field=models.CharField(
                choices=[
                    ("at_least", "đạt từ mức này trở lên"),
                    ("at_most", "không vượt quá mức này"),
                    ("exactly", "đúng bằng mức này"),
                ],
                default="at_least",
                max_length=20,
                verbose_name="cách đánh giá",
            ),
        ),
        migrations.CreateModel(
            name="TargetValue",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "value",
                    models.DecimalField(decimal_places=2, max_digits=9, verbose_name="giá trị"),
                ),
                ("measured_on", models.DateField(verbose_name="số liệu tính đến ngày")),
                (
                    "source",
                    models.CharField(
                        help_text="Văn bản, báo cáo hoặc cơ quan cung cấp số liệu.",
                        max_length=255,
                        verbose_name="nguồn số liệu",
                    ),
                ),
                ("note", models.CharField(blank=True, max_length=255, verbose_name="ghi chú")),
                (
                    "entered_at",
                    models.DateTimeField(
                        default=django.utils.timezone.now, editable=False, verbose_name="nhập lúc"
                    ),
                ),
                ("is_demo", models.BooleanField(default=False, verbose_name="dữ liệu minh họa")),
                (
                    "corrects",
                    models.ForeignKey(
                        blank=True,
                        help_text="Số liệu nhập sai mà số liệu này thay thế (vẫn được lưu).",
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="corrections",
                        to="congress.targetvalue",
                        verbose_name="đính chính cho số liệu",
                    ),
                ),
                (
                    "entered_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="người nhập",
                    ),
                ),
                (
                    "target",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="values",
                        to="congress.target",
                        verbose_name="chỉ tiêu",
                    ),
                ),
            ],
            options={
                "verbose_name": "số liệu chỉ tiêu",
                "verbose_name_plural": "số liệu chỉ tiêu",
                "ordering": ["measured_on", "entered_at", "pk"],
                "indexes": [
                    models.Index(
                        fields=["target", "measured_on"], name="congress_value_target_date"
                    )
                ],
            },
        ),
    ]
