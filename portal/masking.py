"""Masking of personal data for logs, the audit trail and notification lists.

Enough stays visible for staff to recognise a record they already hold ("091****678"),
not enough to learn anything new about a resident (Personal Data Protection Law
91/2025/QH15: data minimisation).
"""

import re

from portal.text import nfc

MASK = "*"

_EMAIL_RE = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# Runs of 9 or more digits, possibly grouped by spaces or dots, with an optional +84: phone
# numbers (10 digits), CCCD (12), old CMND (9), bank accounts. Dashes are left alone: they
# join the parts of dossier codes (<unit>-YYMMDD-NNNN), which are not personal data.
_NUMBER_RE = re.compile(r"\+?\d(?:[ .]?\d){8,}")

# Keys (of audit details) whose values are personal data, by the kind of mask they take.
_KEY_KINDS = (
    (("email", "thu_dien_tu"), "email"),
    (("phone", "sdt", "dien_thoai", "mobile"), "phone"),
    (("cccd", "cmnd", "id_number", "identity", "so_giay_to", "passport"), "id"),
    (("name", "ho_ten", "applicant"), "name"),
    (("address", "dia_chi"), "address"),
)


def mask_phone(value):
    """Keep the first three and last three digits: "0912345678" → "091****678"."""
    digits = re.sub(r"\D", "", str(value or ""))
    if len(digits) < 7:
        return MASK * len(digits)
    return digits[:3] + MASK * (len(digits) - 6) + digits[-3:]


def mask_id(value):
    """Keep the last three characters of an ID number: "001203012345" → "*********345"."""
    value = re.sub(r"\s", "", str(value or ""))
    if len(value) <= 4:
        return MASK * len(value)
    return MASK * (len(value) - 3) + value[-3:]


def mask_email(value):
    """Keep the first letter of the mailbox and the domain: "an.nguyen@x.vn" → "a***@x.vn"."""
    value = str(value or "")
    local, at, domain = value.partition("@")
    if not at:
        return MASK * 3
    return f"{local[:1]}{MASK * 3}@{domain}"


def mask_name(value):
    """Keep initials only: "Nguyễn Văn An" → "N. V. A."."""
    return " ".join(f"{word[0]}." for word in nfc(str(value or "")).split(" ") if word)


def mask_address(value):
    """Keep only the last part (ward or province): "Số 5, tổ 3, An Phong" → "***, An Phong"."""
    parts = [p.strip() for p in str(value or "").split(",") if p.strip()]
    if len(parts) < 2:
        return MASK * 3
    return f"{MASK * 3}, {parts[-1]}"


_MASKERS = {
    "email": mask_email,
    "phone": mask_phone,
    "id": mask_id,
    "name": mask_name,
    "address": mask_address,
}


def mask_text(text):
    """Mask e-mail addresses and long digit runs (phones, ID numbers) inside free text."""
    text = _EMAIL_RE.sub(lambda m: mask_email(m.group()), str(text))
    return _NUMBER_RE.sub(lambda m: mask_id(re.sub(r"\D", "", m.group())), text)


def _kind_for_key(key):
    """Match whole words of the key: "applicant_phone" is a phone, "filename" is no name."""
    key = key.lower()
    tokens = set(key.split("_"))
    for names, kind in _KEY_KINDS:
        for name in names:
            if name in tokens or ("_" in name and name in key):
                return kind
    return None


def mask_value(key, value):
    """Mask `value` by what its key says it is; other strings get `mask_text`."""
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, dict):
        return mask_details(value)
    if isinstance(value, list | tuple):
        return [mask_value(key, item) for item in value]
    kind = _kind_for_key(key)
    if kind:
        return _MASKERS[kind](value)
    if isinstance(value, int):
        # A phone or ID number passed as an int still gets masked.
        return mask_text(value) if len(str(abs(value))) >= 9 else value
    if isinstance(value, str):
        return mask_text(value)
    return value  # dates, amounts, UUIDs: no personal data, kept for the JSON encoder


def mask_details(details):
    """Return a copy of a details mapping with personal data masked (nested too)."""
    return {str(key): mask_value(str(key), value) for key, value in details.items()}
