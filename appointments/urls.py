from django.urls import path

from appointments import views

app_name = "appointments"

urlpatterns = [
    path("da-dat/", views.booked, name="booked"),
    path("quan-ly/<str:token>/", views.manage, name="manage"),
    path("quan-ly/<str:token>/lich.ics", views.calendar_file, name="calendar_file"),
    path("<slug:slug>/", views.book, name="book"),
]
