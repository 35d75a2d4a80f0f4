"""Package ui."""
