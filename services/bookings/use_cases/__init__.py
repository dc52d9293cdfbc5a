"""What the routes, the handlers and the periodic job ask for: one function each, each in
one transaction, staging its events in the outbox."""
