from django.urls import path

from congress import views
from congress.feeds import LatestArticlesFeed
from congress.views import meeting, targets
from portal.pagecache import cache_public_page

app_name = "congress"

urlpatterns = [
    path("dai-hoi/", meeting.CongressView.as_view(), name="congress"),
    path(
        "dai-hoi/chi-tieu/<slug:slug>/",
        cache_public_page(targets.target_detail),
        name="target_detail",
    ),
    path("tin-tuc/", views.article_list, name="article_list"),
    path("tin-tuc/rss/", cache_public_page(LatestArticlesFeed()), name="article_feed"),
    path("tin-tuc/chuyen-muc/<slug:slug>/", views.article_list, name="category"),
    path("tin-tuc/<slug:slug>/", views.article_detail, name="article_detail"),
    path("van-ban/", views.document_list, name="document_list"),
    path("van-ban/<slug:slug>/", views.document_detail, name="document_detail"),
    path("van-ban/<slug:slug>/tai-ve/", views.document_download, name="document_download"),
]
