"""Article understanding shared by every importer."""
