"""Demo reports for `make run`: a dozen, one or more in every state, made by the services.

Called by `manage.py load_demo` after the demo dossiers (which create the staff accounts).
Each report is sent and moved at past office moments (`demo.stories.travel`) through
`feedback.services`, so codes, history, deadlines in working days and publication are what
real use would produce. Everything is visibly demo data: senders' names and the public
titles end in "(dữ liệu minh họa)", phones are 0900 000 xxx. Idempotent: each report's
submission token comes from a fixed namespace; reports already there are skipped.
"""

import datetime as dt
import uuid

from django.contrib.auth import get_user_model
from django.utils import timezone

from demo.stories import travel
from feedback import services
from feedback.constants import FeedbackStatus as S
from feedback.constants import RefusalReason
from feedback.models import Feedback, Topic
from staff import roles

NAMESPACE = uuid.UUID("5f0c2a4e-6d1b-4c55-9a51-2025a0f0fb00")
DEMO = "(dữ liệu minh họa)"
BODY = "Ủy ban nhân dân phường An Phong"

# (topic slug, title, content, public title, answer, plot): the plot is the list of moves
# after the report is sent, each a day apart; "publish" ends in a public answer.
REPORTS = [
    (
        "moi-truong-ve-sinh",
        "Rác tồn đọng đầu ngõ",
        "Rác để ở đầu ngõ ba ngày chưa thu gom, bốc mùi.",
        "Rác tồn đọng ở đầu một ngõ",
        "Đơn vị thu gom đã thu dọn trong ngày và bổ sung một chuyến thu gom buổi tối.",
        "publish",
    ),
    (
        "ha-tang-giao-thong-chieu-sang",
        "Đèn đường không sáng",
        "Ba cột đèn liền nhau không sáng từ tuần trước, đoạn đường rất tối.",
        "Ba cột đèn đường không sáng",
        "Phường đã báo đơn vị quản lý chiếu sáng; các bóng đèn đã được thay.",
        "publish",
    ),
    (
        "trat-tu-do-thi",
        "Lấn chiếm vỉa hè",
        "Một cửa hàng bày hàng kín vỉa hè, người đi bộ phải xuống lòng đường.",
        "Bày hàng lấn chiếm vỉa hè",
        "Tổ công tác trật tự đô thị đã nhắc nhở, yêu cầu thu dọn; sẽ kiểm tra định kỳ.",
        "publish",
    ),
    (
        "thu-tuc-hanh-chinh",
        "Đề nghị thêm giờ tiếp nhận chiều thứ Bảy",
        "Người đi làm khó đến nộp hồ sơ giờ hành chính.",
        "Kiến nghị mở thêm giờ tiếp nhận hồ sơ",
        "Phường ghi nhận kiến nghị; hồ sơ có thể nộp trực tuyến mọi lúc trên cổng này.",
        "publish",
    ),
    (
        "ha-tang-giao-thong-chieu-sang",
        "Ổ gà trên đường",
        "Đoạn đường có ổ gà lớn, trời mưa đọng nước.",
        "Ổ gà lớn trên một đoạn đường",
        "Đã vá tạm ổ gà; đoạn đường nằm trong kế hoạch sửa chữa.",
        "reopened",
    ),
    (
        "moi-truong-ve-sinh",
        "Cống thoát nước bị tắc",
        "Cống trước nhà bị tắc, nước tràn lên đường khi mưa.",
        "",
        "",
        "private_answer",
    ),
    (
        "an-ninh-trat-tu",
        "Tụ tập gây ồn ào ban đêm",
        "Nhóm thanh niên tụ tập gây ồn sau 23 giờ.",
        "",
        "",
        "awaiting_approval",
    ),
    (
        "trat-tu-do-thi",
        "Xây dựng không phép",
        "Một công trình đang xây thêm tầng, không thấy biển báo giấy phép.",
        "",
        "",
        "info_requested",
    ),
    (
        "moi-truong-ve-sinh",
        "Cây xanh đổ nghiêng",
        "Cây trên vỉa hè nghiêng, có nguy cơ đổ.",
        "",
        "",
        "processing",
    ),
    ("khac", "Mời mua hàng giảm giá", "Quảng cáo sản phẩm.", "", "", "refused"),
    (
        "moi-truong-ve-sinh",
        "Rác tồn đọng (gửi lại)",
        "Rác ở đầu ngõ chưa thu gom.",
        "",
        "",
        "merged",
    ),
    (
        "ha-tang-giao-thong-chieu-sang",
        "Biển báo bị che khuất",
        "Cây che biển báo giao thông ở ngã ba.",
        "",
        "",
        "received",
    ),
]


def token(i):
    return str(uuid.uuid5(NAMESPACE, f"feedback-{i}"))


def load(stdout):
    tokens = [token(i) for i in range(len(REPORTS))]
    if Feedback.objects.filter(submission_token__in=tokens).count() == len(REPORTS):
        stdout.write(f"Demo reports already loaded ({len(REPORTS)}); nothing to add.")
        return
    users = get_user_model().objects.filter(
        is_staff=True, groups__name__in=[roles.OFFICER, roles.LEADER]
    )
    officer = users.filter(groups__name=roles.OFFICER).order_by("pk").first()
    leader = users.filter(groups__name=roles.LEADER).order_by("pk").first()
    if officer is None or leader is None:
        stdout.write("Demo reports skipped: no demo officer and leader.")
        return
    topics = {topic.slug: topic for topic in Topic.objects.all()}
    if not {report[0] for report in REPORTS} <= set(topics):
        # The topics come from a data migration; a test's flush may have removed them.
        stdout.write("Demo reports skipped: the topics of feedback's migration are missing.")
        return
    today = timezone.localdate()
    first = None
    for i, report in enumerate(REPORTS):
        start = timezone.make_aware(
            dt.datetime.combine(today - dt.timedelta(days=40 - 3 * i), dt.time(9, 15))
        )
        item = _report(i, report, start, officer, leader, first, topics)
        first = first or item
    stdout.write(f"Demo reports (phản ánh, kiến nghị) loaded: {len(REPORTS)} {DEMO}.")


def _report(i, report, start, officer, leader, first, topics):
    slug, title, content, public_title, answer, plot = report
    existing = Feedback.objects.filter(submission_token=token(i)).first()
    if existing is not None:
        return existing
    with travel(start):
        item, _created = services.submit_feedback(
            fields={
                "topic": topics[slug],
                "title": title,
                "content": f"{content} {DEMO}",
                "address": "",
                "name": f"Người gửi {i + 1} {DEMO}",
                "phone": f"+84900000{i + 1:03d}",
                "email": "",
                "consent_publish": plot != "private_answer",
            },
            photos=[],
            submission_token=token(i),
            tracking_token=f"demo-feedback-{i}",
        )
    moment = start

    def step(to, **inputs):
        nonlocal moment
        moment += dt.timedelta(days=1)
        actor = inputs.pop("actor", officer)
        with travel(moment):
            services.feedback_transition(item, to, actor=actor, **inputs)
        item.refresh_from_db()

    if plot == "received":
        return item
    if plot == "refused":
        step(S.REFUSED, refusal_reason=RefusalReason.SPAM, public_note=f"Tin quảng cáo. {DEMO}")
        return item
    if plot == "merged":
        step(S.MERGED, merged_into=first)
        return item
    step(S.PROCESSING)
    if plot == "processing":
        return item
    if plot == "info_requested":
        step(S.INFO_REQUESTED, public_note=f"Xin cho biết số nhà của công trình. {DEMO}")
        return item
    item.answer = f"{answer or 'Phường đã kiểm tra và xử lý theo quy định.'} {DEMO}"
    item.answering_body = BODY
    if public_title:
        item.public_title = f"{public_title} {DEMO}"
        item.public_content = f"{content} {DEMO}"
    item.save()
    step(S.AWAITING_APPROVAL)
    if plot == "awaiting_approval":
        return item
    step(S.ANSWERED, actor=leader)
    if plot == "reopened":
        with travel(moment + dt.timedelta(days=1)):
            services.sender_rates_answer(
                item, resolved=False, comment=f"Ổ gà lại xuất hiện. {DEMO}"
            )
    return item
