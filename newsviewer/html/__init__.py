"""Helpers for reading saved web pages: metadata, figures, local assets, sanitising."""
