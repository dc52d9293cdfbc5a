"""The HTTP side every service shares: app bootstrap, probes, middleware, error answers."""
