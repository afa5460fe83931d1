from django.urls import path

from feedback.feeds import AnsweredFeedbackFeed
from feedback.views import public, resident

app_name = "feedback"

urlpatterns = [
    path("", public.feedback_list, name="list"),
    path("rss/", AnsweredFeedbackFeed(), name="feed"),
    path("thong-ke.csv", public.statistics_csv, name="statistics_csv"),
    path("thong-ke.json", public.statistics_json, name="statistics_json"),
    path("gui/", resident.submit, name="submit"),
    path("xu-ly-du-lieu/", public.privacy_notice, name="privacy_notice"),
    path("gui/kiem-tra/", resident.check, name="check"),
    path("gui/da-gui/", resident.sent, name="sent"),
    path("tra-cuu/", resident.tracking, name="tracking"),
    path("tra-cuu/<str:code>/", resident.tracking_result, name="tracking_result"),
    path("tra-cuu/<str:code>/bo-sung/", resident.add_information, name="add_information"),
    path("tra-cuu/<str:code>/danh-gia/", resident.rate, name="rate"),
    path("theo-doi/<str:token>/", resident.tracking_token, name="tracking_token"),
    path("<int:pk>/", public.feedback_detail, name="detail"),
    path("<int:pk>/anh/<int:photo_pk>/", public.feedback_photo, name="photo"),
]
