"""The public web form: French first, English with ?lang=en; no JavaScript needed."""
