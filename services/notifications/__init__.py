"""Notifications: email and webhook deliveries, templates, the delivery log."""
