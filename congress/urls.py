from django.urls import path

from .views import meeting, organisation

app_name = "congress"

urlpatterns = [
    path("to-chuc/", organisation.OrganisationChartView.as_view(), name="organisation"),
    path("to-chuc/<slug:slug>/", organisation.OrganDetailView.as_view(), name="organ_detail"),
    path("nhan-su/<slug:slug>/", organisation.PersonDetailView.as_view(), name="person_detail"),
    path("lanh-dao/", organisation.LeadershipView.as_view(), name="leadership"),
    path("danh-ba/", organisation.DirectoryView.as_view(), name="directory"),
    path("dai-hoi/", meeting.CongressView.as_view(), name="congress"),
]
