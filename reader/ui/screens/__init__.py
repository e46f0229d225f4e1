"""Screens pushed over the main reader screen."""
