from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsensusConfig(AppConfig):
    name = "curbside.consensus"
    label = "consensus"
    verbose_name = _("Consensus")

    def ready(self):
        from curbside.consensus import receivers  # noqa: F401
