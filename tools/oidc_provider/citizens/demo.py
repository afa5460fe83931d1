"""The demo citizens `setup_provider` creates: fictional people, one per behaviour.

Their names carry "Thử" (Vietnamese for "test") and pass the portal's name rule (letters,
spaces, apostrophe, hyphen: procedures.validators.clean_person_name), so the portal takes
them as it would a real name; the log-in page lists them under a banner saying they are
test data. The ID numbers start with 031 (Hải Phòng); the 4th digit encodes century and
sex, the 5th-6th the year of birth. The addresses are in example.com (RFC 2606).
"""

import datetime as dt

# One password for every demo citizen: it is printed on the provider's log-in page.
DEMO_PASSWORD = "thunghiem"  # noqa: S105 (published on purpose: fictional accounts)

CITIZENS = [
    {
        "username": "dan1",
        "full_name": "Nguyễn Văn Thử",
        "birth_date": dt.date(1985, 3, 14),
        "citizen_id": "031085012345",
        "phone": "0912345678",
        "email": "dan1@example.com",
        "quirk": "",
    },
    {
        "username": "dan2",
        "full_name": "Trần Thị Mẫu Thử",
        "birth_date": dt.date(1992, 11, 2),
        "citizen_id": "031192004321",
        "phone": "0987654321",
        "email": "dan2@example.com",
        "quirk": "",
    },
    {
        "username": "nonce-sai",
        "full_name": "Lê Văn Thử Nonce",
        "birth_date": dt.date(1978, 6, 30),
        "citizen_id": "031078005555",
        "phone": "0903123456",
        "email": "nonce-sai@example.com",
        "quirk": "wrong-nonce",
    },
    {
        "username": "het-han",
        "full_name": "Phạm Thị Thử Hết Hạn",
        "birth_date": dt.date(2001, 1, 9),
        "citizen_id": "031301006789",
        "phone": "0358123456",
        "email": "het-han@example.com",
        "quirk": "expired",
    },
    {
        "username": "thieu-cccd",
        "full_name": "Hoàng Văn Thử Thiếu",
        "birth_date": dt.date(1969, 8, 19),
        "citizen_id": "031069001234",
        "phone": "0775123456",
        "email": "thieu-cccd@example.com",
        "quirk": "no-citizen-id",
    },
]
