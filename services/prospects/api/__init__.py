"""HTTP routes: parse, authorise, call one use case, answer."""
