"""Prospects' pure rules: values in, decisions out; no I/O."""
