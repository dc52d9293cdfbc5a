"""The request and response models of the JSON API. The key figures (`GET /api/kpis`) are
the domain's own model (domain/key_figures.py), which the page shows too."""

import datetime

from pydantic import BaseModel

from ..domain.key_figures import Kpis

__all__ = ["FeedItem", "Kpis"]


class FeedItem(BaseModel):  # one line of `GET /api/events/recent` (no docstring: the schema)
    id: str
    type: str
    time: datetime.datetime
    title: str
    summary: str
