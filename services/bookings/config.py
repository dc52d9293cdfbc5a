from pydantic import Field

from shared.config import ServiceSettings

SERVICE_NAME = "bookings"
SOURCE = f"/soho/{SERVICE_NAME}"  # the CloudEvents `source` of what this service publishes


class BookingsSettings(ServiceSettings):
    port: int = Field(8003, validation_alias="BOOKINGS_PORT")
    # Booking rules (see domain/rules.py); staff set places and resources, these set policy.
    max_days_ahead: int = Field(60, ge=1, le=365, validation_alias="BOOKINGS_MAX_DAYS_AHEAD")
    max_room_hours: int = Field(4, ge=1, le=24, validation_alias="BOOKINGS_MAX_ROOM_HOURS")
    weekly_quota_hours: float = Field(32, gt=0, validation_alias="BOOKINGS_WEEKLY_QUOTA_HOURS")
    # Check-in opens this long before the start; a booking not checked in this long after
    # its start (or by its end, if sooner) is released as a no-show.
    check_in_early_minutes: int = Field(15, ge=0,
                                        validation_alias="BOOKINGS_CHECK_IN_EARLY_MINUTES")
    no_show_grace_minutes: int = Field(30, ge=1, validation_alias="BOOKINGS_NO_SHOW_GRACE_MINUTES")
    # Per member, per process: more booking attempts than this in a minute get 429.
    bookings_per_minute: int = Field(30, ge=1, validation_alias="BOOKINGS_RATE_LIMIT_PER_MINUTE")
