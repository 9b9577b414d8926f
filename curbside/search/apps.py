from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "curbside.search"
    label = "search"
    verbose_name = _("Search")

    def ready(self):
        from curbside.search import receivers  # noqa: F401
