"""Pure rules of bookings: values in, decisions out; no I/O. Local time is Europe/Paris."""
