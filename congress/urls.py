from django.urls import path

from anphong.pagecache import cache_public_page

from . import views
from .feeds import LatestArticlesFeed

app_name = "congress"

urlpatterns = [
    path("tin-tuc/", views.article_list, name="article_list"),
    path("tin-tuc/rss/", cache_public_page(LatestArticlesFeed()), name="article_feed"),
    path("tin-tuc/chuyen-muc/<slug:slug>/", views.article_list, name="category"),
    path("tin-tuc/<slug:slug>/", views.article_detail, name="article_detail"),
    path("van-ban/", views.document_list, name="document_list"),
    path("van-ban/<slug:slug>/", views.document_detail, name="document_detail"),
    path("van-ban/<slug:slug>/tai-ve/", views.document_download, name="document_download"),
]
