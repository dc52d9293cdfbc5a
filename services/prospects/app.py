"""Prospects: the public web form, contacts, prospects, qualification, consent and erasure."""
from pathlib import Path

from fastapi import FastAPI

from shared.events import ContactReceived, ProspectErased, ProspectQualified
from shared.http.app import create_app
from shared.service import ServiceDefinition

from .api.contacts import router as contacts
from .api.pipeline import router as pipeline
from .api.prospects import router as prospects
from .api.search import router as search
from .commands import retention
from .config import ProspectsSettings
from .handlers import subscribe
from .web.board import router as board
from .web.prospect_file import router as prospect_file
from .web.routes import router as web_form
from .web.routes import too_large_page
from .web.search import router as search_page

SERVICE = ServiceDefinition(
    name="prospects",
    title="prospects",
    description="The public web form, contacts, prospects, qualification, consent and erasure.",
    settings=ProspectsSettings,
    package_dir=Path(__file__).parent,
    # The search API before /api/prospects/{id}; prospect_file last: its
    # /staff/prospects/{id} takes any one segment (a malformed id answers the 404 page),
    # so the board's and search's pages must come before it.
    routers=[web_form, contacts, search, search_page, prospects, pipeline, board,
             prospect_file],
    subscribe=subscribe,
    publishes=[ContactReceived, ProspectQualified, ProspectErased],
    commands=[retention],
    too_large_page=too_large_page,
    # The staff's pages: the pipeline board, search, a prospect's file (web/board*.py...).
    page_prefixes=("/staff/prospects",),
)


def create() -> FastAPI:
    return create_app(SERVICE)
