from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PhysiciansConfig(AppConfig):
    name = "curbside.physicians"
    label = "physicians"
    verbose_name = _("Physicians")
