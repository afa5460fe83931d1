"""Documents form edges: the exact words a resident reads about a document, on the online
form and on the supplement upload, and a second press of “Bỏ tệp”."""

import logging
import re

import pytest
from django.template.defaultfilters import filesizeformat
from django.urls import reverse

from procedures.constants import DossierStatus
from procedures.storage import TMP_PREFIX, private_storage
from tests.procedures.factories import (
    VALID_PHONE,
    DossierFactory,
    RequiredDocumentFactory,
    ask_for_supplement,
    image_bytes,
    pdf_bytes,
)
from tests.procedures.journey import applicant_data, step_url, upload

pytestmark = pytest.mark.django_db

SUMMARY_ITEM = re.compile(r'<li><a href="#([^"]+)">([^<]*)</a></li>')


def error_summary(html):
    """[(anchor, message)] of the page's error summary, in order."""
    assert html.count("data-error-summary") == 1, "the page has one error summary"
    return SUMMARY_ITEM.findall(html.split("data-error-summary")[1].split("</ul>")[0])


def field_error(html, name):
    match = re.search(rf'<div id="id_{name}_error"[^>]*>(.*?)</div>', html, re.S)
    return match and re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", match.group(1))).strip()


# The online form's documents step ---------------------------------------------------------


def _documents_step(client, procedure):
    client.get(reverse("procedures:submit_start", args=[procedure.slug]))
    client.post(step_url(procedure, "nguoi-nop"), applicant_data())
    client.post(step_url(procedure, "cau-hoi"), {"ten_tre": "Bình", "ngay_sinh_tre": "01/02/2025"})


def labels_and_hints(html):
    """[(label, hint)] of the page's document fields, in page order, tags kept in the hint."""
    return [
        (" ".join(label.split()), hint)
        for label, hint in re.findall(
            r'<label\s+for="id_doc_\d+"[^>]*>(.*?)</label>.*?'
            r'<div id="id_doc_\d+_helptext"[^>]*>(.*?)</div>',
            html,
            re.S,
        )
    ]


def test_each_document_says_what_to_send_and_whether_it_is_needed(client, ward, procedure):
    """Labels mark the optional document “(nếu có)”; each hint gives the form, the accepted
    types and staff's note, escaped (staff text never becomes markup)."""
    procedure.documents.filter(is_mandatory=False).update(help_text="Kèm <b>bản sao</b> CCCD")
    _documents_step(client, procedure)
    html = client.get(step_url(procedure, "giay-to")).content.decode()
    assert labels_and_hints(html) == [
        ("Tờ khai", "Bản chính · PDF, JPEG, PNG"),
        ("Giấy chứng sinh", "Bản chính · PDF, JPEG, PNG"),
        (
            "Văn bản ủy quyền (nếu có)",
            "Bản chính · PDF, JPEG, PNG · Kèm &lt;b&gt;bản sao&lt;/b&gt; CCCD",
        ),
    ]


def test_a_kept_file_is_named_with_its_size_in_the_hint(client, ward, procedure):
    """A kept mandatory file can be replaced (“Chọn tệp khác”) but not dropped: no “Bỏ tệp”."""
    _documents_step(client, procedure)
    form = procedure.documents.filter(is_mandatory=True).order_by("pk").first()
    data = pdf_bytes()
    html = client.post(
        step_url(procedure, "giay-to"), {f"doc_{form.pk}": upload("tk.pdf", data)}
    ).content.decode()
    assert labels_and_hints(html)[0] == (
        "Tờ khai",
        'Bản chính · PDF, JPEG, PNG<br><span class="field--upload-done">✓ Đã tải lên: tk.pdf '
        f"({filesizeformat(len(data))}). Chọn tệp khác nếu muốn thay.</span>",
    )
    assert 'name="xoa"' not in html


def test_the_documents_are_drawn_inside_the_pages_one_form(client, ward, procedure):
    """The fields sit in the step's own <form>, with its one CSRF token: no form of their own."""
    _documents_step(client, procedure)
    html = client.get(step_url(procedure, "giay-to")).content.decode()
    main = html.split('<main id="main"')[1].split("</main>")[0]
    assert main.count("<form") == 1 and main.count('name="csrfmiddlewaretoken"') == 1
    assert len(labels_and_hints(main)) == 3


def test_one_file_per_document_fills_a_post_and_one_more_is_refused(client, ward, procedure):
    """A post may carry one file per document of the procedure, all at once; a post with
    more is refused as a whole (nothing is kept) with the limit in words."""
    _documents_step(client, procedure)
    files = {
        f"doc_{doc.pk}": upload(f"{doc.pk}.pdf", pdf_bytes()) for doc in procedure.documents.all()
    }
    refused = client.post(
        step_url(procedure, "giay-to"), {**files, "them": upload("them.pdf", pdf_bytes())}
    )
    html = refused.content.decode()
    assert error_summary(html) == [
        ("main", "Mỗi giấy tờ chỉ tải lên một tệp; hồ sơ có tối đa 3 tệp.")
    ]
    assert "Đã tải lên" not in html
    for file in files.values():
        file.seek(0)
    accepted = client.post(step_url(procedure, "giay-to"), files)
    assert (accepted.status_code, accepted["Location"]) == (302, step_url(procedure, "dong-y"))


def test_two_files_for_one_document_are_refused_by_its_name(client, ward, procedure):
    """The online form takes one file per document: two for “Tờ khai” are refused beside it,
    neither is kept, and the other mandatory document is still asked for."""
    _documents_step(client, procedure)
    form, birth = procedure.documents.filter(is_mandatory=True).order_by("pk")
    response = client.post(
        step_url(procedure, "giay-to"),
        {f"doc_{form.pk}": [upload("a.pdf", pdf_bytes()), upload("b.pdf", pdf_bytes())]},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert error_summary(html) == [
        (f"id_doc_{form.pk}", "Tờ khai: chỉ tải lên một tệp."),
        (f"id_doc_{birth.pk}", "Tải lên tệp: Giấy chứng sinh."),
    ]
    assert field_error(html, f"doc_{form.pk}") == "Tờ khai: chỉ tải lên một tệp."
    assert "Đã tải lên" not in html


def test_a_refused_first_document_does_not_cost_the_files_after_it(client, ward, procedure):
    """The first document's file is refused; the birth certificate sent with it is kept all
    the same, and only the refused document is to be sent again."""
    _documents_step(client, procedure)
    form, birth = procedure.documents.filter(is_mandatory=True).order_by("pk")
    html = client.post(
        step_url(procedure, "giay-to"),
        {
            f"doc_{form.pk}": upload("tk.pdf", b"MZ\x90\x00" * 10),
            f"doc_{birth.pk}": upload("cs.pdf", pdf_bytes()),
        },
    ).content.decode()
    assert [anchor for anchor, _message in error_summary(html)] == [f"id_doc_{form.pk}"]
    assert "Đã tải lên: cs.pdf" in html
    again = client.post(
        step_url(procedure, "giay-to"), {f"doc_{form.pk}": upload("tk.pdf", pdf_bytes())}
    )
    assert (again.status_code, again["Location"]) == (302, step_url(procedure, "dong-y"))


def test_each_document_applies_its_own_types_and_size(client, ward, procedure):
    """Staff may narrow a document to PDF only, or to a smaller size than the site's: a
    photo for the first and a 1 MB scan for the second are refused, each beside its field."""
    form, birth = procedure.documents.filter(is_mandatory=True).order_by("pk")
    form.accepted_types = "pdf"
    form.save()
    birth.max_size_mb = 1
    birth.save()
    _documents_step(client, procedure)
    html = client.post(
        step_url(procedure, "giay-to"),
        {
            f"doc_{form.pk}": upload("tk.png", image_bytes()),
            f"doc_{birth.pk}": upload("cs.pdf", pdf_bytes(b"%" + b"0" * 1024 * 1024 + b"\n")),
        },
    ).content.decode()
    summary = error_summary(html)
    assert [anchor for anchor, _message in summary] == [f"id_doc_{form.pk}", f"id_doc_{birth.pk}"]
    assert summary[0][1].startswith("Tệp “tk.png”") and "PDF" in summary[0][1]
    assert summary[1][1].startswith("Tệp “cs.pdf”: dung lượng") and "1,0\xa0MB" in summary[1][1]


def test_a_file_kept_from_an_earlier_post_is_not_asked_for_again(client, ward, procedure):
    """A resident who sent “Tờ khai” alone is asked only for the birth certificate; sending
    it next completes the step without sending “Tờ khai” a second time."""
    _documents_step(client, procedure)
    form, birth = procedure.documents.filter(is_mandatory=True).order_by("pk")
    first = client.post(
        step_url(procedure, "giay-to"), {f"doc_{form.pk}": upload("tk.pdf", pdf_bytes())}
    )
    assert error_summary(first.content.decode()) == [
        (f"id_doc_{birth.pk}", "Tải lên tệp: Giấy chứng sinh.")
    ]
    second = client.post(
        step_url(procedure, "giay-to"), {f"doc_{birth.pk}": upload("cs.png", image_bytes())}
    )
    assert (second.status_code, second["Location"]) == (302, step_url(procedure, "dong-y"))


def test_the_files_may_fill_the_dossier_exactly_but_not_overfill_it(
    client, ward, procedure, settings
):
    """DOSSIER_MAX_TOTAL_SIZE is what a dossier may hold: the file that would pass it is
    refused beside its own field (the one before it is kept), and once the limit allows
    the exact total, sending that file again completes the step."""
    _documents_step(client, procedure)
    form, birth = procedure.documents.filter(is_mandatory=True).order_by("pk")
    first, second = pdf_bytes(), pdf_bytes(b"%" + b"x" * 100 + b"\n")
    settings.DOSSIER_MAX_TOTAL_SIZE = len(first) + len(second) - 1
    refused = client.post(
        step_url(procedure, "giay-to"),
        {f"doc_{form.pk}": upload("tk.pdf", first), f"doc_{birth.pk}": upload("cs.pdf", second)},
    )
    html = refused.content.decode()
    too_much = "Tệp “cs.pdf”: tổng dung lượng hồ sơ vượt quá mức cho phép."
    assert error_summary(html) == [(f"id_doc_{birth.pk}", too_much)]
    assert field_error(html, f"doc_{birth.pk}") == too_much
    assert "Đã tải lên: tk.pdf" in html

    settings.DOSSIER_MAX_TOTAL_SIZE += 1
    accepted = client.post(
        step_url(procedure, "giay-to"), {f"doc_{birth.pk}": upload("cs.pdf", second)}
    )
    assert (accepted.status_code, accepted["Location"]) == (302, step_url(procedure, "dong-y"))


def test_a_file_the_server_cannot_keep_is_asked_for_again_and_logged(
    client, ward, procedure, caplog, monkeypatch
):
    """A disk failure while keeping a file: the resident reads, beside that document, that
    the server failed and to try again; the operator finds the failure logged as an error,
    with its traceback, under a message of its own."""
    from procedures.staging import StagedFile

    def full_disk(clean):
        raise OSError(28, "No space left on device")

    _documents_step(client, procedure)
    form = procedure.documents.filter(is_mandatory=True).order_by("pk").first()
    monkeypatch.setattr(StagedFile, "stage", full_disk)
    with caplog.at_level(logging.ERROR, logger="procedures.forms"):
        response = client.post(
            step_url(procedure, "giay-to"), {f"doc_{form.pk}": upload("tk.pdf", pdf_bytes())}
        )
    html = response.content.decode()
    failed = "Không lưu được tệp “tk.pdf” do sự cố máy chủ; xin thử lại."
    assert error_summary(html)[0] == (f"id_doc_{form.pk}", failed)
    assert field_error(html, f"doc_{form.pk}") == failed
    [record] = [r for r in caplog.records if r.name == "procedures.forms"]
    assert (record.levelname, record.getMessage()) == ("ERROR", "Could not stage an upload")
    assert isinstance(record.exc_info[1], OSError)


def test_a_file_sent_in_place_of_a_kept_one_deletes_the_kept_copy(client, ward, procedure):
    """“Chọn tệp khác nếu muốn thay”: the new file is kept and the old one leaves the server's
    temporary area at once, so no copy of a resident's discarded document stays behind."""
    _documents_step(client, procedure)
    form = procedure.documents.filter(is_mandatory=True).order_by("pk").first()
    client.post(step_url(procedure, "giay-to"), {f"doc_{form.pk}": upload("cu.pdf", pdf_bytes())})
    [old] = private_storage.listdir(TMP_PREFIX)[1]
    html = client.post(
        step_url(procedure, "giay-to"), {f"doc_{form.pk}": upload("moi.pdf", pdf_bytes(b"%2\n"))}
    ).content.decode()
    assert "Đã tải lên: moi.pdf" in html and "cu.pdf" not in html
    [new] = private_storage.listdir(TMP_PREFIX)[1]
    assert new != old


def test_pressing_remove_again_shows_the_page_without_the_file(client, ward, procedure):
    """A second press of “Bỏ tệp” (a double click, or the button of a page from the browser's
    history) finds nothing left to drop: the resident sees the step again, not an error."""
    _documents_step(client, procedure)
    optional = procedure.documents.get(is_mandatory=False)
    client.post(
        step_url(procedure, "giay-to"), {f"doc_{optional.pk}": upload("uq.pdf", pdf_bytes())}
    )
    for _press in range(2):
        response = client.post(step_url(procedure, "giay-to"), {"xoa": str(optional.pk)})
        assert response.status_code == 200
        assert f'name="doc_{optional.pk}"' in response.content.decode()
        assert "Đã tải lên: uq.pdf" not in response.content.decode()


# The resident's supplement upload ----------------------------------------------------------


@pytest.fixture
def asked(ward):
    """A dossier whose desk asked for the birth certificate again; the resident has opened it."""
    dossier = DossierFactory()
    birth = RequiredDocumentFactory(
        procedure=dossier.procedure, name="Giấy chứng sinh", help_text="Bản <b>rõ nét</b>"
    )
    RequiredDocumentFactory(procedure=dossier.procedure, name="Tờ khai")
    ask_for_supplement(dossier, [birth], note="Thiếu giấy chứng sinh bản rõ nét.")
    return dossier, birth


def _open(client, dossier):
    """Look the dossier up as its resident would (code and phone)."""
    look_up = client.post(
        reverse("procedures:tracking"), {"code": dossier.code, "phone": VALID_PHONE}
    )
    assert look_up.status_code == 302


def _supplement(client, dossier, files):
    _open(client, dossier)
    response = client.post(reverse("procedures:tracking_supplement"), files)
    assert response.status_code == 400
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.SUPPLEMENT_REQUESTED
    return response.content.decode()


ONE_FILE = "Tải lên một tệp: Giấy chứng sinh."


def test_the_supplement_field_says_what_to_send(client, asked):
    """The requested document's hint: its form, the accepted types and staff's note, escaped."""
    dossier, _birth = asked
    _open(client, dossier)
    html = client.get(reverse("procedures:tracking_result")).content.decode()
    assert labels_and_hints(html) == [
        ("Giấy chứng sinh", "Bản chính · PDF, JPEG, PNG · Bản &lt;b&gt;rõ nét&lt;/b&gt;")
    ]


def test_a_supplement_without_the_requested_file_asks_for_it_beside_its_field(client, asked):
    dossier, birth = asked
    html = _supplement(client, dossier, {})
    assert error_summary(html) == [(f"id_doc_{birth.pk}", ONE_FILE)]
    assert field_error(html, f"doc_{birth.pk}") == ONE_FILE


def test_a_supplement_of_two_files_for_one_document_asks_for_one(client, asked):
    dossier, birth = asked
    files = [upload("a.png", image_bytes()), upload("b.png", image_bytes())]
    html = _supplement(client, dossier, {f"doc_{birth.pk}": files})
    assert error_summary(html) == [(f"id_doc_{birth.pk}", ONE_FILE)]
    assert field_error(html, f"doc_{birth.pk}") == ONE_FILE


def test_a_supplement_with_an_unrequested_document_is_refused_as_a_whole(client, asked):
    dossier, birth = asked
    other = dossier.procedure.documents.exclude(pk=birth.pk).get()
    html = _supplement(
        client,
        dossier,
        {
            f"doc_{birth.pk}": upload("cs.png", image_bytes()),
            f"doc_{other.pk}": upload("tk.pdf", pdf_bytes()),
        },
    )
    assert error_summary(html) == [("main", "Chỉ tải lên đúng các giấy tờ được yêu cầu bổ sung.")]


def test_a_supplement_asks_for_an_optional_document_as_required(client, ward):
    """Once the desk asks for it, a document the procedure marks optional is required: its
    label has no “(nếu có)” and its field offers no “Bỏ tệp”."""
    dossier = DossierFactory()
    optional = RequiredDocumentFactory(
        procedure=dossier.procedure, name="Văn bản ủy quyền", is_mandatory=False
    )
    ask_for_supplement(dossier, [optional], note="Cần văn bản ủy quyền.")
    _open(client, dossier)
    html = client.get(reverse("procedures:tracking_result")).content.decode()
    assert [label for label, _hint in labels_and_hints(html)] == ["Văn bản ủy quyền"]
    assert 'name="xoa"' not in html
