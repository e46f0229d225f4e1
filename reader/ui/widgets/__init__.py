"""Small widgets the reader app is built from."""
