"""The outside world other than our database: SMTP, webhooks, templates rendered from files."""
