"""Local state: data directory, SQLite with migrations, settings, secrets, profiles, conversations."""
