"""RabbitMQ: topology, the outbox relay's publisher, and the idempotent event consumer."""
