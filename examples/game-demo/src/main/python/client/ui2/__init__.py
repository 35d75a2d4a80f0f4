"""Package ui2."""
