"""Integration events: the envelope and one typed model per event type of the contract."""

from .account_created import AccountCreated
from .booking_cancelled import BookingCancelled
from .committee_changed import CommitteeChanged
from .contact_received import ContactReceived
from .desk_booked import DeskBooked
from .envelope import CONTENT_TYPE, CloudEvent, EventData, new_event
from .follow_up_due import FollowUpDue
from .member_followed_up import MemberFollowedUp
from .notification_failed import NotificationFailed
from .notification_sent import NotificationSent
from .prospect_erased import ProspectErased
from .prospect_qualified import ProspectQualified
from .solo_installed import InstalledVillage, SoloInstalled

EVENT_TYPES: dict[str, type[EventData]] = {
    model.event_type: model
    for model in (
        ContactReceived,
        ProspectQualified,
        ProspectErased,
        SoloInstalled,
        MemberFollowedUp,
        FollowUpDue,
        DeskBooked,
        BookingCancelled,
        NotificationSent,
        NotificationFailed,
        AccountCreated,
        CommitteeChanged,
    )
}

__all__ = [
    "AccountCreated",
    "CommitteeChanged",
    "CONTENT_TYPE",
    "EVENT_TYPES",
    "BookingCancelled",
    "CloudEvent",
    "ContactReceived",
    "DeskBooked",
    "EventData",
    "FollowUpDue",
    "InstalledVillage",
    "MemberFollowedUp",
    "NotificationFailed",
    "NotificationSent",
    "ProspectErased",
    "ProspectQualified",
    "SoloInstalled",
    "new_event",
]
