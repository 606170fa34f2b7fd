"""Make has no offline runtime: an IML interpreter and a Make app executor that run dist/make as Make's engine would."""
