"""What every Soho Solo service needs and nothing domain-specific.

The bus (CloudEvents envelope, event models, topology, outbox relay, inbox consumer),
settings, database pool and migrations, auth, logging and the HTTP bootstrap.
`shared` never imports a service.
"""
