"""Test helpers: waiting with a deadline, an outside listener, a TCP proxy, test schemas."""
