"""Dashboard panels of the directory."""
