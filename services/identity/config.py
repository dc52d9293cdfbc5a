"""Settings of the identity service (the platform's come from shared.config)."""

from pydantic import Field

from shared.config import ServiceSettings


class IdentitySettings(ServiceSettings):
    port: int = Field(8005, validation_alias="IDENTITY_PORT")

    # Sessions end after this long without a request (staff sooner: their pages show
    # everyone's data), and at the latest IDENTITY_SESSION_DAYS after signing in.
    staff_idle_hours: float = Field(8, gt=0, validation_alias="IDENTITY_STAFF_IDLE_HOURS")
    member_idle_days: float = Field(14, gt=0, validation_alias="IDENTITY_MEMBER_IDLE_DAYS")
    session_days: float = Field(30, gt=0, validation_alias="IDENTITY_SESSION_DAYS")

    # Password sign-in attempts per email and per client address, in fixed windows.
    sign_in_per_email: int = Field(10, ge=1, validation_alias="IDENTITY_SIGN_IN_PER_EMAIL")
    sign_in_per_client: int = Field(30, ge=1, validation_alias="IDENTITY_SIGN_IN_PER_CLIENT")
    sign_in_window_seconds: int = Field(900, ge=1,
                                        validation_alias="IDENTITY_SIGN_IN_WINDOW_SECONDS")
    # Requests for a sign-in link or a password reset (each sends an email).
    requests_per_email: int = Field(5, ge=1, validation_alias="IDENTITY_REQUESTS_PER_EMAIL")
    requests_per_client: int = Field(20, ge=1, validation_alias="IDENTITY_REQUESTS_PER_CLIENT")
    requests_window_seconds: int = Field(3600, ge=1,
                                         validation_alias="IDENTITY_REQUESTS_WINDOW_SECONDS")
    # After this many wrong passwords in a row an account is slowed: no attempt for
    # slowing_first_seconds * 2^(failures - slow_after), at most slowing_max_seconds.
    slow_after: int = Field(5, ge=1, validation_alias="IDENTITY_SLOW_AFTER")
    slowing_first_seconds: float = Field(1, gt=0,
                                         validation_alias="IDENTITY_SLOWING_FIRST_SECONDS")
    slowing_max_seconds: float = Field(900, gt=0, validation_alias="IDENTITY_SLOWING_MAX_SECONDS")

    @property
    def secure_cookies(self) -> bool:
        return self.public_url.startswith("https://")
