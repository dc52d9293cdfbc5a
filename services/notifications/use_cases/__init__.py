"""What the service does, one module per capability: planning messages from the events it
consumes, sending them, weekly digests, the staff's committees, templates and delivery log,
unsubscribing, erasure, and the seed."""
