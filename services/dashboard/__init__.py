"""Dashboard: the staff front page, the programme's key figures and the live event feed."""
