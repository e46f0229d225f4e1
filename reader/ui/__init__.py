"""The terminal reader (Textual). Only this package imports textual or rich."""
