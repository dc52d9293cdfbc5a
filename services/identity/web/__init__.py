"""Identity's pages: sign-in, emailed links, passwords, sign-out, the team's accounts, and
the front door's forward-auth check."""

from shared.web.assets import router as assets

from .accounts import router as accounts
from .auth_check import router as auth_check
from .password import router as password
from .sign_in import router as sign_in
from .sign_out import router as sign_out

ROUTERS = [sign_in, password, sign_out, accounts, auth_check, assets]
