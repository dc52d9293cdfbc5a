"""The platform's settings as the `soho` command reads them: from the environment, or a
clear message naming the bad variable."""

import click
from pydantic import ValidationError

from shared.config import PlatformSettings


def load_settings(cls: type[PlatformSettings] = PlatformSettings) -> PlatformSettings:
    try:
        return cls()
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
        raise click.ClickException(f"bad configuration: {problems}") from None
