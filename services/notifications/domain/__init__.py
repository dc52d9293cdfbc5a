"""Pure rules of the notifications service: values in, decisions out; no I/O."""
