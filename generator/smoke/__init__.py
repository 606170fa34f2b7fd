"""Smoke-testing: run every operation of a spec through each target's executor against the mock."""
