"""What a use case refuses."""


class NotStaff(Exception):
    """The token is missing, bad or expired (401), or not a staff token (403)."""

    def __init__(self, status_code: int, reason: str):
        super().__init__(reason)
        self.status_code, self.reason = status_code, reason


class RebuildRunning(Exception):
    """Another `soho dashboard rebuild` holds the rebuild lock."""


class RebuildIncomplete(Exception):
    """Events the live consumers handled are not in the stream: the live figures are kept."""
