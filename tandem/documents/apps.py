from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "tandem.documents"
    label = "documents"
    verbose_name = "Documents"
