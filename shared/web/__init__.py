"""What every person's page shares: one layout, one stylesheet, the language, the menu of
the person's role, CSRF protection of forms. Each service renders the pages of what it
owns with `Pages`, under its prefix behind the front door (docs/service-guide.md)."""
