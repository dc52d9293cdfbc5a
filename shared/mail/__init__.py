"""What every service that sends email does the same way: read SMTP_URL (`smtp_url`), say
what a failed attempt means (`failures`, and for aiosmtplib's exceptions `smtp_failures`),
wait longer after each one (`retries`), and build the message (`messages`).

What to do with a failure (retry, give up, record it) stays each service's own policy.
`failures`, `retries` and `messages` do no I/O, so a service's domain may import them;
`smtp_failures` and `smtp_url` belong to its adapters and use cases."""
