"""The desktop window (PySide6 Widgets). Only this package and the entry point import Qt."""
