from django.db import models


class RateCounter(models.Model):
    """One fixed window of a rate limit, counted in the database.

    Used when the shared cache is not Redis: Django's database cache
    increments by reading and writing back, so parallel requests on several
    app servers could all read the same old count (see `core/ratelimits.py`).
    """

    key = models.CharField(max_length=200)
    window_start = models.BigIntegerField()
    count = models.PositiveIntegerField(default=0)
    expires_at = models.DateTimeField(db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["key", "window_start"], name="core_ratecounter_window")
        ]

    def __str__(self):
        return f"{self.key}@{self.window_start}: {self.count}"
