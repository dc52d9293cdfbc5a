"""Tokens of emailed links and sessions: random, stored only as their SHA-256."""

import hashlib
from datetime import timedelta

from services.identity.domain.link_tokens import (LIFETIMES, WELCOME_LIFETIME, Purpose,
                                                  looks_like_token, new_token, token_hash)


def test_tokens_are_32_random_bytes_url_safe():
    tokens = {new_token() for _ in range(100)}
    assert len(tokens) == 100
    assert all(len(t) == 43 and looks_like_token(t) for t in tokens)


def test_the_hash_is_sha256_of_the_token():
    token = new_token()
    assert token_hash(token) == hashlib.sha256(token.encode()).digest()
    assert token_hash(token) != token_hash(new_token())


def test_lifetimes_by_purpose():
    assert LIFETIMES[Purpose.INVITATION] == timedelta(days=7)
    assert LIFETIMES[Purpose.RESET] == timedelta(hours=1)
    assert LIFETIMES[Purpose.SIGN_IN] == timedelta(minutes=15)
    assert WELCOME_LIFETIME == timedelta(days=7)


def test_anything_else_does_not_look_like_a_token():
    for text in ("", "abc", "x" * 44, "a/" * 21 + "a", "é" * 43, new_token() + "\n"):
        assert not looks_like_token(text)
