from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "voneinander.core"
    verbose_name = "Voneinander"

    def ready(self):
        # Register the platform's permissions with django-rules.
        import voneinander.core.checks
        import voneinander.policy  # noqa: F401
