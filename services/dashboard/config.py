from pydantic import Field

from shared.config import ServiceSettings


class DashboardSettings(ServiceSettings):
    port: int = Field(8000, validation_alias="DASHBOARD_PORT")
