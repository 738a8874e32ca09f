"""Background tasks of the admission workflow (thin wrappers; the work is in services)."""

from django_tasks import task


@task(queue_name="default", priority=5)
def issue_admission_notice(application_id: int) -> bool:
    """Generate the admission notice PDF, store it and e-mail it to the applicant."""
    from voneinander.admissions.services import issue_admission_notice as issue

    return issue(application_id=application_id)
