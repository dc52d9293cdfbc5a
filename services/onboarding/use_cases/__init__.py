"""What the service does, one function per use case: a transaction, the rules, the SQL."""
