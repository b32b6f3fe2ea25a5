"""Left panel: the in-memory catalogue, the navigation tree and its search and filters."""
