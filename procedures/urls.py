from django.urls import path
from django.views.generic import TemplateView

from portal.pagecache import cache_public_page
from procedures import privacy
from procedures.resident import catalogue, drafts, statistics, submission, tracking

app_name = "procedures"

urlpatterns = [
    # Anonymous visitors get the catalogue and start pages from the page cache.
    path(
        "thu-tuc/",
        cache_public_page(catalogue.ProcedureListView.as_view()),
        name="procedure_list",
    ),
    path(
        "thu-tuc/<slug:slug>/",
        cache_public_page(catalogue.ProcedureDetailView.as_view()),
        name="procedure_detail",
    ),
    path("thu-tuc/<slug:slug>/nop-ho-so/", submission.submit_start, name="submit_start"),
    path(
        "thu-tuc/<slug:slug>/nop-ho-so/da-nop/<uuid:token>/",
        submission.submit_done,
        name="submit_done",
    ),
    # Before the steps' pattern, which "luu" would match too.
    path("thu-tuc/<slug:slug>/nop-ho-so/luu/", drafts.draft_save, name="draft_save"),
    path("thu-tuc/<slug:slug>/nop-ho-so/luu/da-gui/", drafts.draft_saved, name="draft_saved"),
    path("thu-tuc/<slug:slug>/nop-ho-so/<slug:step>/", submission.submit_step, name="submit_step"),
    path("thu-tuc/tiep-tuc/<str:token>/", drafts.draft_resume, name="draft_resume"),
    path(
        "thong-bao-xu-ly-du-lieu/",
        TemplateView.as_view(
            template_name="procedures/privacy_notice.html", extra_context={"notice": privacy}
        ),
        name="privacy_notice",
    ),
    path("tra-cuu/", tracking.tracking, name="tracking"),
    path("tra-cuu/ho-so/", tracking.tracking_result, name="tracking_result"),
    path("tra-cuu/ho-so/bien-nhan/", tracking.tracking_receipt, name="tracking_receipt"),
    path("tra-cuu/ho-so/bien-nhan.pdf", tracking.tracking_receipt_pdf, name="tracking_receipt_pdf"),
    path("tra-cuu/ho-so/bo-sung/", tracking.tracking_supplement, name="tracking_supplement"),
    path("tra-cuu/ho-so/rut-ho-so/", tracking.tracking_withdraw, name="tracking_withdraw"),
    path("tra-cuu/ho-so/danh-gia/", tracking.tracking_rate, name="tracking_rate"),
    path("tra-cuu/h/<str:token>/", tracking.tracking_token, name="tracking_token"),
    path("thong-ke/", statistics.statistics_page, name="statistics"),
    path("thong-ke/thong-ke-ho-so.csv", statistics.statistics_csv, name="statistics_csv"),
    path("thong-ke/thong-ke-ho-so.json", statistics.statistics_json, name="statistics_json"),
]
