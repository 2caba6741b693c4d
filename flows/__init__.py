"""Prefect flows, thin tasks and the command line: where storage and processors meet."""
