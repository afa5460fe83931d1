from django.urls import path

from reception import views

app_name = "reception"

urlpatterns = [
    path("", views.schedule, name="schedule"),
    path("lich.ics", views.schedule_ics, name="ical"),
]
