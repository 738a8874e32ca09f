from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class MunicipalityKind(models.TextChoices):
    ORTSGEMEINDE = "ortsgemeinde", _("Ortsgemeinde")
    VERBANDSFREIE_GEMEINDE = "verbandsfreie_gemeinde", _("Municipality not in a Verbandsgemeinde")
    STADT = "stadt", _("Town")
    GROSSE_KREISANGEHOERIGE_STADT = (
        "grosse_kreisangehoerige_stadt",
        _("Large town within a district"),
    )
    KREISFREIE_STADT = "kreisfreie_stadt", _("District-free city")
    VERBANDSGEMEINDE = "verbandsgemeinde", _("Verbandsgemeinde")
    LANDKREIS = "landkreis", _("District (Landkreis)")
    LAND = "land", _("State")


class Municipality(models.Model):
    """A municipality or association of municipalities from the official registry."""

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=40, choices=MunicipalityKind.choices)
    ags = models.CharField(
        _("official municipality key (AGS)"), max_length=8, unique=True, null=True, blank=True
    )
    ars = models.CharField(
        _("regional key (ARS)"), max_length=12, unique=True, null=True, blank=True
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("belongs to"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    state = models.CharField(_("state"), max_length=2, default="RP")
    population = models.PositiveIntegerField(_("population"), null=True, blank=True)
    area_km2 = models.DecimalField(
        _("area in km²"), max_digits=9, decimal_places=2, null=True, blank=True
    )
    postcode = models.CharField(_("postcode"), max_length=5, blank=True)
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)
    website = models.URLField(_("website"), blank=True)
    geonames_id = models.PositiveIntegerField(_("GeoNames id"), null=True, blank=True, unique=True)
    official_name = models.CharField(
        _("official name"),
        max_length=200,
        blank=True,
        help_text=_("As in the municipality register, e.g. “Eisenberg (Pfalz), Stadt”."),
    )
    import_source = models.CharField(
        _("import source"),
        max_length=200,
        blank=True,
        help_text=_("The import that created or last changed this entry."),
    )

    class Meta:
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")
        ordering = ["name"]
        indexes = [models.Index(fields=["name"]), models.Index(fields=["kind"])]

    def __str__(self):
        if self.kind == MunicipalityKind.VERBANDSGEMEINDE and not self.name.startswith("VG"):
            return f"VG {self.name}"
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("municipalities:detail", kwargs={"pk": self.pk})
