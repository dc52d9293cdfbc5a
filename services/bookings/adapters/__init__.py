"""What bookings keeps outside its database: the per-member cap on booking attempts."""
