"""Target modules: each renders the model into one platform's files; none imports another."""
