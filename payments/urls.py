from django.urls import path

from payments import views

app_name = "payments"

urlpatterns = [
    path("nop-phi/", views.pay, name="pay"),
    path("ket-qua/", views.payment_return, name="return"),
    path("bien-lai/<str:receipt_no>.pdf", views.receipt, name="receipt"),
]
