"""Package scenes."""
