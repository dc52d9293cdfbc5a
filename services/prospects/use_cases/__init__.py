"""One function per thing a person, staff member or event asks of the service."""
