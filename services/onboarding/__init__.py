"""Onboarding: villages and their welcome committees, installation cases, members."""
