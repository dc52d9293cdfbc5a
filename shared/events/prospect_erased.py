import uuid

from .envelope import EventData


class ProspectErased(EventData):
    """A person was erased (GDPR). Every service deletes or anonymises what it holds."""

    event_type = "prospect.erased"

    prospect_id: uuid.UUID
