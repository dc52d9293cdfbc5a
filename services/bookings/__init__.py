"""Bookings: telecentres and coworking spaces, desks and rooms, bookings."""
