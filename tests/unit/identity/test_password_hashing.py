"""Argon2id hashes: verified, refused, and flagged for rehash when weaker than today's."""

from argon2 import PasswordHasher

from services.identity.adapters.password_hashing import (hash_password, needs_rehash,
                                                         verify_password)


def test_a_hash_is_argon2id_and_verifies_only_its_password():
    hashed = hash_password("les canards du gers")
    assert hashed.startswith("$argon2id$")
    assert verify_password(hashed, "les canards du gers")
    assert not verify_password(hashed, "les canards du Gers")


def test_no_hash_or_a_broken_one_never_verifies():
    assert not verify_password(None, "anything at all")
    assert not verify_password("not a hash", "anything at all")


def test_weaker_parameters_ask_for_a_rehash():
    weak = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1).hash("x" * 12)
    assert needs_rehash(weak) and not needs_rehash(hash_password("x" * 12))
