"""The request and response models of the bookings API, one module per resource; values.py
holds what they share (bounds on what clients send, Paris offsets, a commune)."""
