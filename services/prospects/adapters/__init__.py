"""What prospects uses outside its database: the rate-limit counts (`limits`)."""
