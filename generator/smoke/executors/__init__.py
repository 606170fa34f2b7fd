"""One module per target executor; each registers itself with `register_executor`."""
