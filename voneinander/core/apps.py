from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "voneinander.core"
    verbose_name = "Voneinander"

    def ready(self):
        # Register the platform's permissions with django-rules.
        import voneinander.core.checks
        import voneinander.policy  # noqa: F401
        from voneinander.core.observability import connect_task_signals

        # Log records written while a task runs carry its id (issue 8).
        connect_task_signals()
