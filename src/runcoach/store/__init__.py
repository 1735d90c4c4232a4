"""Persistence: SQLAlchemy 2 tables, mapping, repositories and Alembic migrations. The only SQL."""
