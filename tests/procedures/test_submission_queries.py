"""Query budget of the online form's steps (issue 15, item 13: 32 residents at once).

Each step reads the session, the procedure (whether it has questions comes with it) and
what the step shows; the list of wards is built once per process, not on every post.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.procedures.journey import applicant_data, step_url

pytestmark = pytest.mark.django_db


def _queries(client, method, url, data=None):
    with CaptureQueriesContext(connection) as ctx:
        response = getattr(client, method)(url, data) if data is not None else client.get(url)
    assert response.status_code in {200, 302}
    return [q["sql"] for q in ctx.captured_queries]


def test_the_applicant_step_reads_the_ward_list_once_per_process(client, ward, procedure):
    client.get(reverse("procedures:submit_start", args=[procedure.slug]))
    url = step_url(procedure, "nguoi-nop")
    _queries(client, "get", url)  # builds the ward list
    for method, data in (("get", None), ("post", applicant_data())):
        sql = _queries(client, method, url, data)
        ward_lists = [q for q in sql if 'FROM "procedures_ward" INNER JOIN' in q]
        assert ward_lists == [], method


def test_no_step_asks_separately_whether_the_procedure_has_questions(client, ward, procedure):
    client.get(reverse("procedures:submit_start", args=[procedure.slug]))
    client.post(step_url(procedure, "nguoi-nop"), applicant_data())
    for step in ("cau-hoi", "giay-to"):
        sql = _queries(client, "get", step_url(procedure, step))
        assert not [
            q for q in sql if q.startswith('SELECT 1 AS "a" FROM "procedures_procedurequestion"')
        ]
        # The procedure's documents are read once per request, even where two parts use them.
        assert len([q for q in sql if 'FROM "procedures_requireddocument"' in q]) <= 1, step
