"""Constraints of a procedure's own questions: whole numbers, bounds, dates past or future.

Questions that exist already keep accepting decimals, as they did (`whole_number` is added
False, then its default for new questions becomes True); their bounds and date limit start
empty, which is what they had.
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("procedures", "0003_search_index")]

    operations = [
        migrations.AddField(
            model_name="procedurequestion",
            name="whole_number",
            field=models.BooleanField(
                default=False,
                help_text="Với kiểu 'Số': bỏ chọn nếu câu trả lời có thể có phần thập phân, ví dụ 2,5.",
                verbose_name="chỉ nhận số nguyên",
            ),
        ),
        migrations.AlterField(
            model_name="procedurequestion",
            name="whole_number",
            field=models.BooleanField(
                default=True,
                help_text="Với kiểu 'Số': bỏ chọn nếu câu trả lời có thể có phần thập phân, ví dụ 2,5.",
                verbose_name="chỉ nhận số nguyên",
            ),
        ),
        migrations.AddField(
            model_name="procedurequestion",
            name="min_value",
            field=models.DecimalField(
                blank=True,
                decimal_places=2,
                help_text="Với kiểu 'Số': để trống nếu không giới hạn, ví dụ 1 với số bản.",
                max_digits=15,
                null=True,
                verbose_name="giá trị nhỏ nhất",
            ),
        ),
        migrations.AddField(
            model_name="procedurequestion",
            name="max_value",
            field=models.DecimalField(
                blank=True,
                decimal_places=2,
                help_text="Với kiểu 'Số': để trống nếu không giới hạn.",
                max_digits=15,
                null=True,
                verbose_name="giá trị lớn nhất",
            ),
        ),
        migrations.AddField(
            model_name="procedurequestion",
            name="date_limit",
            field=models.CharField(
                blank=True,
                choices=[
                    ("", "Bất kỳ ngày nào"),
                    ("not_future", "Không sau ngày hôm nay (ngày đã qua, ví dụ ngày sinh)"),
                    ("not_past", "Không trước ngày hôm nay (ngày sắp tới, ví dụ ngày hẹn)"),
                ],
                default="",
                help_text="Với kiểu 'Ngày', so với ngày công dân trả lời.",
                max_length=20,
                verbose_name="giới hạn ngày",
            ),
        ),
    ]
