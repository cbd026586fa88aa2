from django.urls import URLPattern

app_name = "incubator"

urlpatterns: list[URLPattern] = []
