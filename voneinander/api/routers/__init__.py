"""Register the resource routers under /api/v1/."""
