"""The shared stylesheet (and small scripts), served at /assets/ by identity behind the
front door; `asset(name)` in templates gives its address with a version, so a browser
may keep it for a year and still gets a new one after a change."""

import hashlib
from functools import cache
from pathlib import Path

from fastapi import APIRouter, HTTPException
from starlette.responses import Response

STATIC = Path(__file__).parent / "static"
TYPES = {".css": "text/css; charset=utf-8", ".js": "text/javascript; charset=utf-8",
         ".svg": "image/svg+xml"}

router = APIRouter(tags=["assets"], include_in_schema=False)


@cache
def _read(name: str) -> bytes:
    return (STATIC / name).read_bytes()


def asset_url(name: str) -> str:
    return f"/assets/{name}?v={hashlib.sha256(_read(name)).hexdigest()[:12]}"


@router.get("/assets/{name}")
async def asset(name: str) -> Response:
    path = STATIC / name
    if "/" in name or name.startswith(".") or path.suffix not in TYPES or not path.is_file():
        raise HTTPException(404, "no such asset")
    return Response(_read(name), media_type=TYPES[path.suffix],
                    headers={"Cache-Control": "public, max-age=31536000, immutable",
                             "X-Content-Type-Options": "nosniff"})
