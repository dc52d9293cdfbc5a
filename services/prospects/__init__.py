"""Prospects: the public web form, contacts, prospects, qualification, consent and erasure."""
