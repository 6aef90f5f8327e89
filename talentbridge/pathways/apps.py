from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PathwaysConfig(AppConfig):
    name = "talentbridge.pathways"
    label = "pathways"
    verbose_name = _("Pathways")

    def ready(self):
        from . import signals

        signals.connect()
