"""Leaving a list through the link in a message: the token names the address and the list;
the suppression list keeps only a hash of the address."""

import asyncpg

from ..domain.unsubscribe import address_hash, read_token
from ..store import suppressions


def link_address(secret: str, token: str) -> str | None:
    """The address the link was made for, or None when it is not a valid link."""
    claims = read_token(secret, token)
    return None if claims is None else claims[0]


async def leave_list(pool: asyncpg.Pool, secret: str, token: str) -> str | None:
    """The address that left the link's list, or None when it is not a valid link."""
    claims = read_token(secret, token)
    if claims is None:
        return None
    address, stream = claims
    async with pool.acquire() as conn:
        await suppressions.add(conn, address_hash(address), stream)
    return address
