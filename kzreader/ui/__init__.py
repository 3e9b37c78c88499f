"""The Textual reader app (nothing in kzreader.core imports this package)."""
