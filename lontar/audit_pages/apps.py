from django.apps import AppConfig


class AuditPagesConfig(AppConfig):
    name = "lontar.audit_pages"
    label = "audit_pages"
