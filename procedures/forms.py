"""Forms shared by the resident's side and the desk: a procedure's documents, the error summary.

A procedure's documents are one form whatever the page: the online form's documents
step, the desk's in-person registration (procedures.desk.counter adds the paper tick)
and the resident's supplement upload. Every file goes through
procedures.files.check_upload; a file that passed is staged at once in the private temp
area, so a page redisplayed for another field's error does not ask for it again.
"""

import logging

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Field, Layout
from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from procedures.files import check_upload
from procedures.language import naming, vietnamese
from procedures.staging import StagedFile
from procedures.storage import private_storage
from procedures.validators import normalise_mobile

logger = logging.getLogger(__name__)

ACCEPT = ".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"


def _is_choice_group(field):
    return isinstance(field.widget, forms.RadioSelect | forms.CheckboxSelectMultiple)


def error_summary(*forms_):
    """[(anchor id, message)] of the forms' errors in page order, for the summary include."""
    items = []
    for form in forms_:
        for name, errors in form.errors.items():
            field = form.fields.get(name)
            if field is None:
                anchor = "main"  # non-field errors: the page's main region
            else:
                anchor = form[name].auto_id + ("_0" if _is_choice_group(field) else "")
            items.extend((anchor, str(e)) for e in errors)
    return items


class CrispyFormMixin:
    """A form drawn by `{% crispy form %}` (Bootstrap 5 pack) inside the page's own <form>.

    The page keeps its <form> tag, CSRF token and buttons. Django marks an invalid input
    `aria-invalid` and names in its `aria-describedby` the help text (`<id>_helptext`) and
    the errors (`<id>_error`) the pack draws; the page's error summary links to the inputs.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper(self)
        self.helper.form_tag = False
        self.helper.disable_csrf = True

    def error_summary(self):
        return error_summary(self)


class MobilePhoneField(forms.CharField):
    """A Vietnamese mobile number, typed as a resident writes it, cleaned to E.164
    (procedures.validators.normalise_mobile); the phone keypad on a phone. The browser
    stops typing at 30 characters; a longer number is refused by normalise_mobile's own
    message."""

    widget = forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel", "maxlength": "30"})

    def clean(self, value):
        value = super().clean(value)
        return normalise_mobile(value) if value not in self.empty_values else value


class DocumentField(forms.FileField):
    """One document of the procedure: at most one file, cleaned to a procedures.files.CleanFile."""

    widget = forms.FileInput(attrs={"accept": ACCEPT})

    def __init__(self, doc, *, mandatory):
        self.doc = doc
        # The document's name and hint are staff-entered Vietnamese, marked so on /en/.
        label = (
            vietnamese(doc.name) if mandatory else naming(_("%(doc)s (nếu có)"), doc.name, "doc")
        )
        parts = [str(doc.get_form_display()), doc.accepted_types_display()]
        if doc.help_text:
            parts.append(vietnamese(doc.help_text))
        self.hint = format_html_join(" · ", "{}", ((part,) for part in parts))
        self.kept = None  # the staged file's dict, once there is one
        self.remove_button = False
        # Whether a document is missing depends on what is already staged or ticked, so
        # the form decides it (DocumentsForm.clean), not the field.
        super().__init__(label=label, required=False)
        self.keep(None)

    def keep(self, staged):
        """Remember the document's staged file and say so in the hint, which the input names
        in its aria-describedby."""
        self.kept = staged
        # crispy-forms renders help text unescaped; the hint holds staff-entered text.
        self.help_text = format_html("{}", self.hint)
        if staged:
            done = _("Đã tải lên: %(name)s (%(size)s). Chọn tệp khác nếu muốn thay.") % {
                "name": staged["original_name"],
                "size": filesizeformat(staged["size"]),
            }
            self.help_text = format_html(
                '{}<br><span class="field--upload-done">✓ {}</span>', self.hint, done
            )

    def to_python(self, data):
        if data in self.empty_values:
            return None
        return check_upload(
            data, accepted_types=self.doc.accepted_type_list(), max_bytes=self.doc.max_bytes
        )


class DocumentsForm(forms.Form):
    """A procedure's documents; `kept` holds what earlier requests staged ({doc pk: dict}).

    After validation, valid or not, `staged` holds every file kept or newly staged, so the
    caller can remember it: residents never upload a good file twice. A staged file dropped
    or replaced is deleted, unless it is in `keep_files` (a saved form's, procedures.drafts,
    still needs it; the sweeper deletes it once that form is closed).
    """

    field_template = "procedures/includes/_document_field.html"
    # The online form offers a “Bỏ tệp” button for an optional document's kept file.
    allow_remove = True
    # Labels mark the documents the procedure does not require as “(nếu có)”.
    all_required = False

    def __init__(self, *args, documents, kept=None, keep_files=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.documents = list(documents)
        self.staged = dict(kept or {})
        self.keep_files = frozenset(keep_files)
        self.helper = FormHelper(self)
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        self.helper.layout = Layout(
            *(Field(self.field_name(doc), template=self.field_template) for doc in self.documents)
        )
        for doc in self.documents:
            field = self.fields[self.field_name(doc)]
            field.remove_button = self.allow_remove and not doc.is_mandatory
            self.keep(doc, self.staged.get(str(doc.pk)))

    @staticmethod
    def field_name(doc):
        return f"doc_{doc.pk}"

    def file_limit(self):
        """How many files one post may carry, or None for no limit of its own."""
        return min(settings.DOSSIER_MAX_FILES, len(self.documents))

    def clean(self):
        data = super().clean()
        file_count = sum(len(self.files.getlist(key)) for key in self.files)
        if self.file_limit() is not None and file_count > self.file_limit():
            # Nothing is staged from an oversized post: the resident picks again.
            raise forms.ValidationError(
                _("Mỗi giấy tờ chỉ tải lên một tệp; hồ sơ có tối đa %(n)s tệp.")
                % {"n": self.file_limit()}
            )
        for doc in self.documents:
            name = self.field_name(doc)
            if name in self.errors:
                continue
            if len(self.files.getlist(name)) > 1:
                self.add_error(name, self.too_many_message(doc))
            elif data.get(name) is not None:
                self.stage(doc, data[name])
            else:
                self.check_missing(doc)
        return data

    def too_many_message(self, doc):
        return naming(_("%(doc)s: chỉ tải lên một tệp."), doc.name, "doc")

    def check_missing(self, doc):
        if doc.is_mandatory and str(doc.pk) not in self.staged:
            message = naming(_("Tải lên tệp: %(doc)s."), doc.name, "doc")
            self.add_error(self.field_name(doc), forms.ValidationError(message, code="missing"))

    def only_missing(self):
        """Whether the only errors are mandatory documents not uploaded yet (a form saved to
        finish later may lack them; a refused file it may not)."""
        return all(
            error.code == "missing" for errors in self.errors.as_data().values() for error in errors
        )

    def stage(self, doc, clean):
        """Stage a checked file in place of the document's earlier one, within the total."""
        key, name = str(doc.pk), self.field_name(doc)
        others = sum(v["size"] for k, v in self.staged.items() if k != key)
        if others + clean.size > settings.DOSSIER_MAX_TOTAL_SIZE:
            self.add_error(
                name,
                _("Tệp “%(name)s”: tổng dung lượng hồ sơ vượt quá mức cho phép.")
                % {"name": clean.original_name},
            )
            return
        try:
            staged = StagedFile.stage(clean)
        except OSError:
            logger.exception("Could not stage an upload")
            self.add_error(
                name,
                _("Không lưu được tệp “%(name)s” do sự cố máy chủ; xin thử lại.")
                % {"name": clean.original_name},
            )
            return
        self.discard(self.staged.get(key))
        self.staged[key] = staged.as_dict()
        self.keep(doc, self.staged[key])

    def remove(self, key):
        """Drop a kept file (the resident's “Bỏ tệp” button) and delete it from the temp area."""
        self.discard(self.staged.pop(str(key), None))
        for doc in self.documents:
            if str(doc.pk) == str(key):
                self.keep(doc, None)

    def discard(self, staged):
        """Delete a staged file the form no longer holds, unless `keep_files` names it."""
        if staged and staged["temp_name"] not in self.keep_files:
            private_storage.delete(staged["temp_name"])

    def keep(self, doc, staged):
        name = self.field_name(doc)
        self.fields[name].keep(staged)
        # The bound field copied the hint when validation first built it.
        self[name].help_text = self.fields[name].help_text

    def staged_documents(self):
        """[(RequiredDocument, StagedFile)] for the services, in the procedure's order."""
        return [
            (doc, StagedFile.from_session(self.staged[str(doc.pk)]))
            for doc in self.documents
            if str(doc.pk) in self.staged
        ]

    def error_summary(self):
        return error_summary(self)


class SupplementForm(DocumentsForm):
    """Only the documents staff asked for, each one file; nothing staged (the service stores
    the checked files in the dossier's own transaction)."""

    allow_remove = False
    all_required = True

    def file_limit(self):
        return None  # extra and doubled files are refused by name below

    def clean(self):
        extra = set(self.files) - {self.field_name(doc) for doc in self.documents}
        if extra:
            self.add_error(None, _("Chỉ tải lên đúng các giấy tờ được yêu cầu bổ sung."))
        return super().clean()

    def too_many_message(self, doc):
        return naming(_("Tải lên một tệp: %(doc)s."), doc.name, "doc")

    def check_missing(self, doc):
        self.add_error(self.field_name(doc), self.too_many_message(doc))

    def stage(self, doc, clean):
        pass  # kept in cleaned_data for procedures.services.dossier_supplement

    def clean_files(self):
        """{doc pk: CleanFile} of a valid form."""
        return {doc.pk: self.cleaned_data[self.field_name(doc)] for doc in self.documents}


def build_documents_form(documents, *args, form_class=DocumentsForm, **kwargs):
    """A form with one file field per document, like the questions form of its procedure."""
    documents = list(documents)
    attrs = {
        form_class.field_name(doc): DocumentField(
            doc, mandatory=form_class.all_required or doc.is_mandatory
        )
        for doc in documents
    }
    return type("ProcedureDocumentsForm", (form_class,), attrs)(
        *args, documents=documents, **kwargs
    )
