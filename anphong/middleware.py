"""Cross-cutting middleware."""

import re

from django.conf import settings
from django.core.exceptions import BadRequest, SuspiciousOperation
from django.db import DatabaseError, InterfaceError, OperationalError
from django.http import QueryDict, UnreadablePostError
from django.http.multipartparser import MultiPartParserError
from django.urls import NoReverseMatch, reverse
from django.utils import translation

from anphong.views import database_outage, database_unavailable, upload_not_stored
from portal.uploads import UploadNotStored, discard_uploads

# Errors that mean "the database cannot be reached", not "the query is wrong".
DATABASE_DOWN_ERRORS = (OperationalError, InterfaceError)
# A body that cannot be read is the client's fault (400): malformed, over a limit, or cut
# off by a client that hung up (UnreadablePostError).
UNREADABLE_BODY_ERRORS = (
    BadRequest,
    SuspiciousOperation,
    MultiPartParserError,
    UnreadablePostError,
)

# C0 control characters, U+0000 to U+001F. PostgreSQL refuses NUL in text (DataError, a 500
# before this guard), and nothing a resident types into a link or a one-line field holds one.
_C0 = "".join(map(chr, range(0x20)))
CONTROL_IN_LINK = re.compile(f"[{re.escape(_C0)}]")
# A posted form field may hold what a textarea sends: tab, line feed, carriage return.
CONTROL_IN_FORM = re.compile(f"[{re.escape(_C0.translate({9: None, 10: None, 13: None}))}]")


def is_database_down(exc):
    return isinstance(exc, DATABASE_DOWN_ERRORS) and not _is_lock_timeout(exc)


def _is_lock_timeout(exc):
    # SQLite reports a busy lock as OperationalError too; that is not an outage.
    return isinstance(exc, DatabaseError) and "locked" in str(exc).lower()


def _pairs(multivalue):
    """Every (key, value) of a QueryDict or MultiValueDict, a repeated key once per value."""
    for key, values in multivalue.lists():
        for value in values:
            yield key, value


def _any_control(pairs, pattern):
    return any(pattern.search(key) or pattern.search(value) for key, value in pairs)


def _is_staff_page(request):
    try:
        return request.path_info.startswith(reverse("admin:index"))
    except NoReverseMatch:  # a test URLconf without the admin
        return False


def refuse_hostile_input(request):
    """Raise BadRequest for the input InputGuardMiddleware refuses (its docstring is the rule)."""
    if CONTROL_IN_LINK.search(request.path_info):
        raise BadRequest("Control character in the path")
    if not _is_staff_page(request) and _any_control(_pairs(request.GET), CONTROL_IN_LINK):
        raise BadRequest("Control character in the query string")
    if request.method != "POST":
        return
    try:
        post, files = request.POST, request.FILES
    except Exception as exc:
        # Nothing of a body that failed stays on disk, not even the file being written.
        discard_uploads(request)
        if not isinstance(exc, UNREADABLE_BODY_ERRORS):
            raise  # the server's fault: UploadNotStored is answered by InputGuardMiddleware
        # Leave the body parsed as empty (the request's public POST setter): the 400
        # handler runs the CSRF check, which reads request.POST again, and a second raise
        # there would turn the 400 into a bare 500.
        request.POST = QueryDict()
        raise BadRequest("Unreadable form data") from exc
    if _any_control(_pairs(post), CONTROL_IN_FORM):
        raise BadRequest("Control character in a form field")
    if _any_control(((key, f.name or "") for key, f in _pairs(files)), CONTROL_IN_LINK):
        raise BadRequest("Control character in an uploaded file's field or name")


class PathLanguageMiddleware:
    """Activate the language of the path (/en/… English, else Vietnamese) first thing.

    The active language belongs to the worker thread and outlives the request that set it;
    LocaleMiddleware sets it only when the request gets that far. A page answered before
    it (the 400 to hostile input, the 503 of an outage, a bad Host header) would otherwise
    speak the language of the thread's previous request: an English 400 on /thong-ke/.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = translation.get_language_from_path(request.path_info)
        translation.activate(language or settings.LANGUAGE_CODE)
        return self.get_response(request)


class InputGuardMiddleware:
    """Answer 400 (the Vietnamese 400 page, through handler400) to hostile input, before any
    view, session, CSRF check or database query sees it.

    The rule, one for the whole site:

    - the path, and every key and value of the query string (a repeated key: each value),
      must hold no C0 control character (U+0000 to U+001F, NUL included). Except the
      query string of the staff pages (the admin, /quan-tri/): the work queue's filters
      refuse or ignore a bad value themselves (tests/procedures/desk/test_queue_filters.py);
    - a POST's form fields (urlencoded or multipart; keys and values) must hold no C0
      control character other than tab, line feed and carriage return (textareas send
      them); an uploaded file's field name and file name none at all. File contents are
      not looked at: the documents form checks them;
    - a POST body Django cannot parse is refused too: a urlencoded form declared in another
      charset than UTF-8 (Django refuses it), a malformed multipart body, more fields than
      DATA_UPLOAD_MAX_NUMBER_FIELDS, a non-file body over DATA_UPLOAD_MAX_MEMORY_SIZE, a
      body cut off by a client that hung up.

    An upload the server could not write to its temporary folder (a full disk,
    portal.uploads) is not the client's fault: it answers the Vietnamese 503 page that
    says so (anphong.views.upload_not_stored). Either way the temporary files of the body
    are removed at once.

    Nothing is cleaned silently: a control character in a link or a form is never a
    resident's typing, and a visible 400 beats a search that quietly differs. Invalid UTF-8
    is not refused here: Django decodes it to U+FFFD, which every page handles.

    It reads request.POST before CsrfViewMiddleware does (which reads it anyway), so it
    must come before it, and before SessionMiddleware so a refused request touches no
    database. Until anphong.settings lists it, DatabaseUnavailableMiddleware (which sits
    there) runs the same check.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            refuse_hostile_input(request)
        except UploadNotStored as exc:
            return upload_not_stored(request, exc)
        return self.get_response(request)


class DatabaseUnavailableMiddleware:
    """Answer 503 with Retry-After while the database is unreachable, instead of a 500.

    The connection is discarded by Django's request-finished handler (errors_occurred),
    so the next request reconnects and the site recovers by itself.

    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # Logs an outage's end (database_outage; its start is logged by database_unavailable).
        return database_outage.watch(self.get_response, request)

    def process_exception(self, request, exception):
        if is_database_down(exception):
            return database_unavailable(request, exception)
        return None
