"""The technical admin's app configuration: Django's admin with the site's sign-in
(tandem.accounts.admin_site). Kept apart from the models, which are not loaded yet here."""

from __future__ import annotations

from django.contrib.admin.apps import AdminConfig


class TandemAdminConfig(AdminConfig):
    default_site = "tandem.accounts.admin_site.TandemAdminSite"
