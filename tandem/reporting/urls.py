from tandem.reporting.views import dashboard_urls, involvement_urls

app_name = "reporting"

# The dashboard of indicators and the organizations' involvement are two parts of one module.
urlpatterns = [*dashboard_urls.urlpatterns, *involvement_urls.urlpatterns]
