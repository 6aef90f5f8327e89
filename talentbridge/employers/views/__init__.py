"""Pages of the employers app, by topic (the same topics as ``services``)."""
