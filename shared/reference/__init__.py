"""Reference data every service loads from this one place: the communes of the Gers (INSEE
public records), the countries of ISO 3166-1, the programme's calendar (Paris time, the
follow-up months). Read-only and the same for every service, so sharing it couples no
service to another: each service still keeps, in its own schema, whatever it adds to a
commune (onboarding's host status and committee, say)."""
