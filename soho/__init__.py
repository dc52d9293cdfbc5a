"""The `soho` command: runs, migrates and seeds the platform's services, and operates it.

It is the composition root: the only code that knows every service."""
