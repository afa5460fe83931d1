"""What the links page and the accessibility statement say that is not the ward's data.

Links (Decree 42/2022/NĐ-CP Art. 7(1): a portal links to the portals of the other state
agencies concerned). Only addresses confirmed from a published source are listed; each
is an absolute https address, checked by tests/portal/test_statements.py.

The accessibility statement follows Circular 26/2020/TT-BTTTT (state agencies and People's
Committees of every level apply the accessibility standards to their portals) and states
WCAG 2.1 level AA as the target. ACCESSIBILITY_REVIEWED is the day the statement was last
checked against the test suite it describes: change it whenever the statement changes.
"""

import datetime
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

ACCESSIBILITY_REVIEWED = datetime.date(2026, 12, 7)


@dataclass(frozen=True)
class Link:
    name: str
    url: str
    description: str


@dataclass(frozen=True)
class LinkGroup:
    slug: str
    title: str
    links: tuple


LINK_GROUPS = (
    LinkGroup(
        slug="quoc-gia",
        title=_("Cổng thông tin và dịch vụ công quốc gia"),
        links=(
            Link(
                _("Cổng Dịch vụ công quốc gia"),
                "https://dichvucong.gov.vn/",
                _(
                    "Nộp hồ sơ, tra cứu và thanh toán trực tuyến thủ tục hành chính "
                    "của các bộ, ngành và địa phương."
                ),
            ),
            Link(
                _("Cổng Thông tin điện tử Chính phủ"),
                "https://chinhphu.vn/",
                _("Tin tức, văn bản chỉ đạo, điều hành của Chính phủ."),
            ),
            Link(
                _("Cơ sở dữ liệu quốc gia về văn bản pháp luật"),
                "https://vbpl.vn/",
                _("Toàn văn văn bản quy phạm pháp luật, do Bộ Tư pháp quản lý."),
            ),
        ),
    ),
    LinkGroup(
        slug="hai-phong",
        title=_("Thành phố Hải Phòng"),
        links=(
            Link(
                _("Cổng thông tin điện tử thành phố Hải Phòng"),
                "https://haiphong.gov.vn/",
                _("Tin tức, văn bản và thông tin của chính quyền thành phố."),
            ),
            Link(
                _("Cổng Dịch vụ công thành phố Hải Phòng"),
                "https://dichvucong.haiphong.gov.vn/",
                _("Thủ tục hành chính của thành phố, các sở, ngành và các xã, phường."),
            ),
        ),
    ),
)


def all_links():
    """Every external link of the links page, in page order."""
    return [link for group in LINK_GROUPS for link in group.links]
