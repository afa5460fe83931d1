"""Walk the online form with the Django test client."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.procedures.factories import an_phong, hai_phong, image_bytes, pdf_bytes

APPLICANT = {
    "full_name": "  nguyễn   Văn  An ",
    "id_number": "031090001234",
    "birth_date": "17/05/1990",
    "sex": "male",
    "phone": "0912 345 678",
    "email": "an@example.com",
    "street": "Số 1, tổ dân phố 2",
}


def step_url(procedure, step):
    return reverse("procedures:submit_step", args=[procedure.slug, step])


def applicant_data(**overrides):
    data = {**APPLICANT, "province": hai_phong().pk, "ward": an_phong().pk, "ward_name": ""}
    data.update(overrides)
    return data


def upload(name, content, content_type="application/octet-stream"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def fill_until_check(client, procedure, *, applicant=None, answers=None, files=None):
    client.get(reverse("procedures:submit_start", args=[procedure.slug]))
    r = client.post(step_url(procedure, "nguoi-nop"), applicant or applicant_data())
    assert r.status_code == 302, r.content.decode()[:3000]
    if procedure.questions.exists():
        if answers is None:
            answers = {"ten_tre": "Nguyễn Văn Bình", "ngay_sinh_tre": "01/02/2025"}
        r = client.post(step_url(procedure, "cau-hoi"), answers)
        assert r.status_code == 302, r.content.decode()[:3000]
    docs = list(procedure.documents.filter(is_mandatory=True))
    if files is None:
        files = {f"doc_{docs[0].pk}": upload("to-khai.pdf", pdf_bytes())}
        if len(docs) > 1:
            files[f"doc_{docs[1].pk}"] = upload("chung-sinh.png", image_bytes())
    r = client.post(step_url(procedure, "giay-to"), files)
    assert r.status_code == 302, r.content.decode()[:3000]
    r = client.post(step_url(procedure, "dong-y"), {"consent": "on"})
    assert r.status_code == 302
    return client.get(step_url(procedure, "kiem-tra"))


def submission_token(check_response):
    html = check_response.content.decode()
    return html.split('name="submission_token" value="')[1].split('"')[0]


def submit(client, procedure, **kwargs):
    check = fill_until_check(client, procedure, **kwargs)
    token = submission_token(check)
    return client.post(step_url(procedure, "kiem-tra"), {"submission_token": token}), token
