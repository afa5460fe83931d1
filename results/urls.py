from django.urls import path

from results import views

app_name = "results"

urlpatterns = [
    path("tra-cuu/ho-so/ket-qua/", views.download, name="download"),
    path("tra-cuu/ho-so/cach-nhan-ket-qua/", views.choose_channel, name="choose_channel"),
    path(
        "tai-khoan/ho-so-cua-toi/ho-so/<int:pk>/ket-qua/", views.download_mine, name="download_mine"
    ),
]
