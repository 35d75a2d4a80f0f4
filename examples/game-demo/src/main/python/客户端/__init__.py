"""Package 客户端."""
