"""Package 界面."""
