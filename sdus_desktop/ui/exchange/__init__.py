"""Excel exchange and plans: export, import, conflicts, campaigns, collection, plan definitions."""
