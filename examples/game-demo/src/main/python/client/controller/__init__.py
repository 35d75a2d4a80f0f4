"""Package controller."""
