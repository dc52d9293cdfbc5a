"""What the service does, one module per capability.

From the bus: event_messages (the messages each consumed event plans, through planning),
parking (events waiting for their recipient), erasure. From the clock: sending (the sender
loop) and delivery (one attempt), digest (weekly arrivals). From staff and the public:
committees, delivery_log, template_overrides, unsubscribing. seeding: the demo committees.
errors: what a use case refuses."""
