from django.urls import path

from addresses import views

app_name = "addresses"

urlpatterns = [
    path("", views.lookup, name="lookup"),
    path("du-lieu.json", views.lookup_json, name="lookup_json"),
]
