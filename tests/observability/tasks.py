"""A task for the tests: it writes one log record while it runs."""

import logging

from django_tasks import task

logger = logging.getLogger("voneinander.tests.task")


@task()
def log_something() -> None:
    logger.warning("inside the task")
