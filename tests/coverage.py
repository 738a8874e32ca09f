"""Which URL patterns did the suite exercise?

`RouteRecorderMiddleware` (added to MIDDLEWARE in tests/settings.py) notes the
view name of every resolved request, from the test client and from browser
tests alike. At the end of a full run, tests/conftest.py fails the session if
a URL pattern was never requested by any test.
"""

from django.urls import URLPattern, URLResolver, get_resolver

EXERCISED: set[str] = set()


class RouteRecorderMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        match = getattr(request, "resolver_match", None)
        if match is not None:
            EXERCISED.add(match.view_name)
        return response


def walk_patterns(patterns=None, namespace: str = ""):
    """Yield (view_name, URLPattern) for every routable view, recursively."""
    if patterns is None:
        patterns = get_resolver().url_patterns
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            child_ns = namespace
            if pattern.namespace:
                child_ns = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
            yield from walk_patterns(pattern.url_patterns, child_ns)
        elif isinstance(pattern, URLPattern):
            name = pattern.name or _func_path(pattern.callback)
            yield (f"{namespace}:{name}" if namespace else name), pattern


def _func_path(func) -> str:
    """The name Django's ResolverMatch gives an unnamed view (see its __init__)."""
    func = getattr(func, "view_class", func)
    if not hasattr(func, "__name__"):
        return f"{func.__class__.__module__}.{func.__class__.__name__}"
    return f"{func.__module__}.{func.__name__}"
