from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "curbside.web"
    label = "web"
    verbose_name = "Web"

    def ready(self):
        from curbside.web import receivers  # noqa: F401
