"""The plugin edge: discovering, loading, reading and checking content packs."""
