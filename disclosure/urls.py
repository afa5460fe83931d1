from django.urls import path

from disclosure import views
from disclosure.feeds import CategoryFeed, DisclosureFeed
from portal.pagecache import cache_public_page

app_name = "disclosure"

urlpatterns = [
    path("", views.index, name="index"),
    path("rss/", cache_public_page(DisclosureFeed()), name="feed"),
    path("tep/<int:pk>/", views.file_download, name="file_download"),
    path("<slug:category>/", views.category, name="category"),
    path("<slug:category>/rss/", cache_public_page(CategoryFeed()), name="category_feed"),
    path("<slug:category>/<slug:slug>/", views.entry_detail, name="entry_detail"),
]
