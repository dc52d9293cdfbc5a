"""Identity's pages: sign-in, emailed links, passwords, sign-out, the team's accounts, and
the front door's forward-auth check."""

from fastapi.routing import APIRoute

from shared.web.assets import router as assets

from .accounts import router as accounts
from .auth_check import router as auth_check
from .password import router as password
from .sign_in import router as sign_in
from .sign_out import router as sign_out

ROUTERS = [sign_in, password, sign_out, accounts, auth_check, assets]

# Every form post may also be refused before it reaches its route (the routes read the
# form themselves, so the platform does not document these for them).
FORM_ANSWERS = {403: {"description": "The form's CSRF field is missing or does not match"},
                413: {"description": "The body is larger than SOHO_MAX_BODY_BYTES"}}
for _router in ROUTERS:
    for _route in _router.routes:
        if isinstance(_route, APIRoute) and "POST" in _route.methods:
            for _status, _answer in FORM_ANSWERS.items():
                _route.responses.setdefault(_status, _answer)
