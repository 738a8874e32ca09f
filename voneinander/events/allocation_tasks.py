"""Background task of preference mode (a thin wrapper; the work lives in the services)."""

from django_tasks import task


@task(queue_name="default", priority=5)
def send_allocation_results(run_id: int, registration_ids: list[int]) -> int:
    """E-mail a batch of participants their allocation result (seats, or none)."""
    from voneinander.events import allocation_services
    from voneinander.events.models import AllocationRun

    run = AllocationRun.objects.select_related("event").filter(pk=run_id).first()
    if run is None:
        return 0
    return allocation_services.send_allocation_results(run=run, registration_ids=registration_ids)
