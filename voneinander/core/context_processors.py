from django.conf import settings


def platform(request):
    """Values every page needs: platform name, operator, network switcher."""
    from voneinander.networks.selectors import networks_for_switcher

    return {
        "SITE_NAME": settings.SITE_NAME,
        "OPERATOR_NAME": settings.OPERATOR_NAME,
        "switcher_networks": networks_for_switcher(),
    }
