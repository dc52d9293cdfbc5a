"""Every SQL statement of the notifications service, one module per table family."""
