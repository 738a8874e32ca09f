"""Register the resource routers under /api/v1/."""

from voneinander.api.api import api
from voneinander.api.routers import (
    events,
    index,
    members,
    municipalities,
    networks,
    news,
    solutions,
)

api.add_router("", index.router)
api.add_router("/v1/networks", networks.router)
api.add_router("/v1/networks", members.router)
api.add_router("/v1/municipalities", municipalities.router)
api.add_router("/v1/news", news.router)
api.add_router("/v1/events", events.router)
api.add_router("/v1/registrations", events.registrations_router)
api.add_router("/v1/solutions", solutions.router)
